import Foundation
import LanguageModels
import Testing

struct EffectTableTests {
    @Test func defaultTableIsValidAndHasTradeOffs() throws {
        let table = EffectTable.default
        try table.validate()
        let base = table.distribution(instructions: [], kind: nil)
        let abstain = table.distribution(instructions: ["abstention"], kind: nil)
        #expect(abstain[.refusal] > base[.refusal])
        #expect(abstain.grounded < base.grounded)
        let unanswerable = table.distribution(instructions: [], kind: "unanswerable")
        let unanswerableAbstain = table.distribution(instructions: ["abstention"], kind: "unanswerable")
        #expect(unanswerableAbstain[.hallucination] < unanswerable[.hallucination] / 5)
        let concise = table.distribution(instructions: ["concision"], kind: nil)
        #expect(concise[.verbosity] < base[.verbosity] && concise[.incomplete] > base[.incomplete])
        #expect(table.distribution(instructions: ["no_op"], kind: nil) == base)
        #expect(table.distribution(instructions: ["grounding"], kind: nil)[.hallucination] < base[.hallucination])
    }

    @Test func jsonRoundTrip() throws {
        let data = try EffectTable.default.encoded()
        let decoded = try EffectTable.decode(from: data)
        #expect(decoded == EffectTable.default)
    }

    @Test func loadsFromFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effects-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let json = """
            {"base": {"hallucination": -1},
             "instructions": [{"name": "ground", "triggers": ["cite"], "effects": {"hallucination": -2}}]}
            """
        try Data(json.utf8).write(to: url)
        let table = try EffectTable.load(from: url)
        #expect(table.defaultKind == "answerable")
        #expect(table.instructions.first?.effects[.hallucination] == -2)
        #expect(table.logits(instructions: ["ground"], kind: nil)[.hallucination] == -3)
    }

    private func loadError(_ json: String) throws -> EffectTableError {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(json.utf8).write(to: url)
        do {
            _ = try EffectTable.load(from: url)
        } catch let error as EffectTableError {
            #expect(error.path == url.path)
            #expect(error.description.contains(url.path))
            return error
        }
        Issue.record("no error for \(json)")
        return EffectTableError.invalid(path: nil, reason: "")
    }

    @Test func loadingErrorsSayWhereAndWhat() throws {
        #expect(try self.loadError("{not json").description.contains("invalid JSON"))
        let typo = try self.loadError(
            #"{"base": {}, "instructions": [{"name": "x", "triggers": ["a"], "effects": {"halucination": 1}}]}"#)
        #expect(typo.reason.contains("instructions[0].effects"))
        #expect(typo.reason.contains("unknown failure mode 'halucination'"))
        let missing = try self.loadError(#"{"instructions": []}"#)
        #expect(missing.reason.contains("missing key 'base'"))
        let unknownKey = try self.loadError(#"{"base": {}, "instructions": [], "instructons": []}"#)
        #expect(unknownKey.reason.contains("unknown key 'instructons'"))
        let wrongType = try self.loadError(#"{"base": {"refusal": "high"}, "instructions": []}"#)
        #expect(wrongType.reason.contains("at base.refusal: has the wrong type (expected a number)"))
        let null = try self.loadError(#"{"base": {}, "instructions": [{"name": null}]}"#)
        #expect(null.reason.contains("at instructions[0].name: must not be null (expected a string)"))
        let duplicate = try self.loadError(
            #"{"base": {}, "instructions": [{"name": "x", "triggers": ["a"]}, {"name": "x", "triggers": ["b"]}]}"#)
        #expect(duplicate.reason.contains("duplicate instruction name 'x'"))
        let noTrigger = try self.loadError(#"{"base": {}, "instructions": [{"name": "x"}]}"#)
        #expect(noTrigger.reason.contains("needs at least one trigger or pattern"))
        let badRegex = try self.loadError(#"{"base": {}, "instructions": [{"name": "x", "patterns": ["("]}]}"#)
        #expect(badRegex.reason.contains("invalid pattern"))
    }

    @Test func missingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/effects.json")
        #expect {
            try EffectTable.load(from: url)
        } throws: { error in
            (error as? EffectTableError)?.description.contains("/nonexistent/effects.json: cannot read") == true
        }
    }

    @Test func temperatureSharpensTheDistribution() {
        let logits = FailureLogits(Dictionary(uniqueKeysWithValues: FailureMode.allCases.map { ($0, -1.0) }))
        let cold = OutcomeDistribution(logits: logits, temperature: 0.1)
        let warm = OutcomeDistribution(logits: logits, temperature: 1)
        #expect(cold.grounded > 0.99)
        #expect(abs(warm.grounded - 1 / (1 + 5 * exp(-1.0))) < 1e-9)
    }
}
