import Foundation
import Testing

@testable import LanguageModels

/// The simulator finds instructions with the family detector the patch generator uses: any phrasing the detector
/// recognises has the instruction's effect, and tables may still add triggers of their own.
struct SimulatorFamilyTests {
    /// Every trigger the built-in table listed before it named families: each must still be found, so no prompt
    /// lost an effect when the triggers went.
    static let formerTriggers: [String: [String]] = [
        "grounding": [
            "only use the context", "use only the context", "only the provided context", "only use the provided",
            "based only on", "answer only from", "only from the context", "do not make up", "don't make up",
            "do not invent", "never invent", "cite the context", "stick to the context", "grounded in the context",
        ],
        "abstention": [
            "say you don't know", "say you do not know", "say \"i don't know\"", "say i don't know",
            "if the context does not", "if the answer is not in", "if you are not sure", "if unsure",
            "admit when you don't know",
        ],
        "concision": [
            "be concise", "be brief", "keep it short", "keep answers short", "short answer", "no more than",
            "at most", "words or fewer", "one sentence", "two sentences",
        ],
        "format_contract": [
            "respond in json", "reply in json", "valid json", "json object", "use bullet", "bullet points",
            "follow the output format", "follow this format", "output format",
        ],
        "completeness": [
            "answer every part", "address every part", "address all parts", "complete answer", "answer fully",
            "be thorough", "in full detail",
        ],
        "numbers_check": ["double-check numbers", "double check numbers", "quote numbers exactly", "copy numbers"],
    ]

    @Test(arguments: formerTriggers.keys.sorted())
    func everyFormerTriggerStillFindsItsInstruction(_ name: String) {
        let simulator = Simulator()
        for trigger in Self.formerTriggers[name] ?? [] {
            let prompt =
                "SYSTEM: You help customers of a bike shop. \(trigger.prefix(1).uppercased() + trigger.dropFirst())."
            #expect(simulator.instructions(in: prompt).contains(name), "\(trigger)")
        }
    }

    /// Paraphrases no former trigger matched: the family detector finds them, and they move the outcome
    /// probabilities exactly as the instruction's plain phrasing does.
    @Test(arguments: [
        ("grounding", "Base every claim on the sources only.", "Only use the context."),
        ("grounding", "Never fabricate facts.", "Do not make up facts."),
        ("abstention", "If you're uncertain, admit you don't know.", "If unsure, say you don't know."),
        ("concision", "Keep replies succinct.", "Be concise."),
        ("completeness", "Cover all parts of a question.", "Answer every part of the question."),
        ("numbers_check", "Copy each number exactly.", "Quote numbers exactly."),
    ])
    func aParaphraseHasTheInstructionsEffect(name: String, paraphrase: String, plain: String) {
        let simulator = Simulator()
        let base = "SYSTEM: You help customers of a bike shop."
        let formerTriggers = Self.formerTriggers[name] ?? []
        #expect(!formerTriggers.contains { paraphrase.lowercased().contains($0) }, "the old table found it already")
        #expect(simulator.instructions(in: base + " " + paraphrase) == [name])
        for kind in ["answerable", "unanswerable", "numeric"] {
            let request = { (prompt: String) in
                GenerationRequest(
                    systemPrompt: prompt, userTurn: "How much is it?", context: "It costs 40 dollars.", kind: kind)
            }
            #expect(
                simulator.distribution(for: request(base + " " + paraphrase))
                    == simulator.distribution(for: request(base + " " + plain)))
            if name != "numbers_check" || kind == "numeric" {
                #expect(
                    simulator.distribution(for: request(base + " " + paraphrase))
                        != simulator.distribution(for: request(base)))
            }
        }
    }

    @Test func aTableNamesAFamilyWithoutTriggersAndKeepsItsOwn() throws {
        let json = """
            {"base": {"hallucination": -1},
             "instructions": [
               {"name": "grounding", "effects": {"hallucination": -2}},
               {"name": "abstention", "triggers": ["pass when in doubt"], "effects": {"refusal": 1}},
               {"name": "house_style", "patterns": ["sign (off|every answer) as \\\\w+"], "effects": {}}
             ]}
            """
        let table = try EffectTable.decode(from: Data(json.utf8))
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: table))
        #expect(simulator.instructions(in: "Rely only on the documents you are given.") == ["grounding"])
        #expect(simulator.instructions(in: "Pass when in doubt. Sign off as Kai.") == ["abstention", "house_style"])
        #expect(simulator.instructions(in: "If unsure, say you don't know.") == ["abstention"])
        #expect(simulator.instructions(in: "Be grounded in facts, and always cheerful.") == ["grounding"])
        #expect(simulator.instructions(in: "Be cheerful.").isEmpty)
    }

    @Test func anInstructionThatIsNotAFamilyStillNeedsATrigger() throws {
        let json = #"{"base": {}, "instructions": [{"name": "groundng", "effects": {}}]}"#
        #expect {
            try EffectTable.decode(from: Data(json.utf8))
        } throws: { error in
            let reason = (error as? EffectTableError)?.description ?? ""
            return reason.contains("'groundng'") && reason.contains("or a family name (grounding, abstention")
        }
    }

    @Test func theDefaultTableListsNoPhraseOfAFamily() {
        for instruction in EffectTable.default.instructions where InstructionFamily(rawValue: instruction.name) != nil {
            #expect(instruction.triggers.isEmpty && instruction.patterns.isEmpty, "\(instruction.name)")
        }
        #expect(EffectTable.default.instructions.contains { $0.name == "no_op" && !$0.triggers.isEmpty })
    }
}

/// The memo of prompts already read gives the same answers and never holds more than its capacity.
struct DetectionMemoTests {
    @Test func aFullMemoStartsOver() {
        let memo = DetectionMemo(capacity: 2)
        memo["a"] = ["grounding"]
        memo["b"] = []
        #expect(memo["a"] == ["grounding"] && memo["b"] == [])
        memo["c"] = ["concision"]
        #expect(memo["a"] == nil && memo["b"] == nil && memo["c"] == ["concision"])
    }

    @Test func aRememberedPromptIsAnsweredAsBefore() {
        let simulator = Simulator()
        let prompt = "SYSTEM: Keep replies succinct. Think step by step."
        let first = simulator.instructions(in: prompt)
        #expect(first == ["concision", "no_op"])
        #expect(simulator.instructions(in: prompt) == first)
    }
}
