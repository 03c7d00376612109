import Experiences
import Foundation
import LanguageModels
import Testing

struct SimulatorTests {
    static let context = "The Eiffel Tower is 330 metres tall. It was completed in 1889. It stands in Paris."

    static func request(
        prompt: String = "Answer the question.",
        kind: String? = nil,
        format: String? = nil,
        n: Int = 1,
        seed: UInt64? = 7
    ) -> GenerationRequest {
        GenerationRequest(
            systemPrompt: prompt, userTurn: "How tall is the Eiffel Tower?", context: Self.context, kind: kind,
            format: format, n: n, seed: seed)
    }

    /// A table where only hallucination and refusal can happen, so rates are easy to check.
    static let table = EffectTable(
        base: [.hallucination: 0, .verbosity: -50, .format: -50, .refusal: -1, .incomplete: -50],
        kinds: ["unanswerable": .init(answerable: false, logits: [.hallucination: 1])],
        instructions: [
            .init(name: "ground", triggers: ["use only the context"], effects: [.hallucination: -3]),
            .init(
                name: "abstain", triggers: ["say you don't know"], effects: [:],
                kindEffects: ["unanswerable": [.hallucination: -4], "answerable": [.refusal: 3]]),
            .init(name: "noop", patterns: ["think\\s+step"], effects: [:]),
        ])

    @Test func sameRequestAndSeedGiveSameOutputsWhateverTheOrder() async throws {
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: Self.table))
        let requests = (0..<40).map { Self.request(n: 3, seed: UInt64($0)) }
        let sequential = try requests.map { try simulator.respond(to: $0).outputs }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for (index, request) in requests.enumerated().reversed() {
                group.addTask { (index, try await simulator.generate(request).outputs) }
            }
            var results = [[String]](repeating: [], count: requests.count)
            for try await (index, outputs) in group { results[index] = outputs }
            return results
        }
        #expect(sequential == concurrent)
        #expect(Set(sequential.flatMap { $0 }).count > 1)
    }

    @Test func responsesSayTheyAreSimulated() throws {
        let response = try Simulator().respond(to: Self.request(n: 2))
        #expect(response.simulated)
        #expect(response.model == "kaizen-simulator")
        #expect(response.outputs.count == 2)
        #expect(response.outputMetadata.count == 2)
        #expect(response.outputMetadata.allSatisfy { $0["source"] == .string("simulator") })
        #expect(response.usage.promptTokens > 0 && response.usage.completionTokens > 0)
        #expect(response.usage.totalTokens == response.usage.promptTokens + response.usage.completionTokens)
    }

    @Test func failureRatesFollowTheTable() throws {
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: Self.table))
        for prompt in ["Answer.", "Use only the context.", "Say you don't know if unsure.", "Think  step by step."] {
            let request = Self.request(prompt: prompt, n: 4000)
            let expected = simulator.distribution(for: request)
            let metadata = try simulator.respond(to: request).outputMetadata
            let behaviours = metadata.compactMap { $0["behaviour"]?.stringValue }
            let groundedRate = Double(behaviours.filter { $0 == "grounded" }.count) / 4000
            let hallucinationRate = Double(behaviours.filter { $0 == "hallucination" }.count) / 4000
            let refusalRate = Double(behaviours.filter { $0 == "refusal" }.count) / 4000
            #expect(abs(groundedRate - expected.grounded) < 0.03, "\(prompt)")
            #expect(abs(hallucinationRate - expected[.hallucination]) < 0.03, "\(prompt)")
            #expect(abs(refusalRate - expected[.refusal]) < 0.03, "\(prompt)")
        }
    }

    @Test func distributionIsTheSoftmaxOfTheSummedLogits() throws {
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: Self.table))
        let plain = simulator.distribution(for: Self.request())
        // logits: hallucination 0, refusal -1, others -50 → P(grounded) = 1 / (1 + 1 + e^-1)
        let denominator = 2 + exp(-1.0)
        #expect(abs(plain.grounded - 1 / denominator) < 1e-9)
        #expect(abs(plain[.hallucination] - 1 / denominator) < 1e-9)
        let grounded = simulator.distribution(for: Self.request(prompt: "Please USE ONLY THE CONTEXT."))
        #expect(abs(grounded[.hallucination] - exp(-3.0) / (1 + exp(-3.0) + exp(-1.0))) < 1e-9)
        #expect(simulator.instructions(in: "Think step by step. Use only the context.") == ["ground", "noop"])
        #expect(simulator.distribution(for: Self.request(prompt: "think step by step")) == plain)
    }

    @Test func bestInstructionSetIsTheKnownOne() throws {
        // On answerable inputs "ground" is best and "abstain" hurts (refusals); on unanswerable ones "abstain" wins.
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: Self.table))
        let prompts = [
            "": "Answer.", "ground": "Use only the context.", "abstain": "Say you don't know.",
            "both": "Use only the context. Say you don't know.",
        ]
        func grounded(_ name: String, kind: String?) -> Double {
            simulator.distribution(for: Self.request(prompt: prompts[name]!, kind: kind)).grounded
        }
        let answerableBest = prompts.keys.max { grounded($0, kind: nil) < grounded($1, kind: nil) }
        let unanswerableBest = prompts.keys.max {
            grounded($0, kind: "unanswerable") < grounded($1, kind: "unanswerable")
        }
        #expect(answerableBest == "ground")
        #expect(unanswerableBest == "both")
        #expect(grounded("abstain", kind: nil) < grounded("", kind: nil))
        #expect(grounded("abstain", kind: "unanswerable") > grounded("", kind: "unanswerable"))
    }

    @Test func samePromptDrawsAreCoupledAcrossPrompts() throws {
        // Common random numbers: a prompt that only raises P(grounded) keeps every grounded draw grounded.
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: Self.table))
        let before = try simulator.respond(to: Self.request(prompt: "Answer.", n: 500)).outputMetadata
        let after = try simulator.respond(to: Self.request(prompt: "Use only the context.", n: 500)).outputMetadata
        for (old, new) in zip(before, after) where old["behaviour"] == .string("grounded") {
            #expect(new["behaviour"] == .string("grounded"))
        }
    }

    @Test func outputsMatchTheirBehaviour() throws {
        let simulator = Simulator()
        let request = Self.request(format: "json", n: 300)
        let response = try simulator.respond(to: request)
        var seen: Set<String> = []
        for (output, metadata) in zip(response.outputs, response.outputMetadata) {
            let behaviour = try #require(metadata["behaviour"]?.stringValue)
            seen.insert(behaviour)
            let parsed = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: String]
            switch behaviour {
            case "grounded":
                #expect(parsed?["answer"] == "The Eiffel Tower is 330 metres tall.")
            case "hallucination":
                let answer = try #require(parsed?["answer"])
                #expect(answer.contains { $0.isNumber })
                #expect(answer != "The Eiffel Tower is 330 metres tall.")
                #expect(!answer.contains("330 metres"))
            case "format":
                #expect(parsed == nil)
            case "refusal":
                #expect(parsed?["answer"]?.contains("can't help") == true)
            case "verbosity":
                #expect((parsed?["answer"]?.split(separator: " ").count ?? 0) >= 320)
            case "incomplete":
                #expect((parsed?["answer"]?.count ?? 1000) < "The Eiffel Tower is 330 metres tall.".count)
            default:
                Issue.record("unknown behaviour \(behaviour)")
            }
        }
        #expect(seen.count == 6)
    }

    @Test func referenceIsTheGroundedAnswerAndUnanswerableAbstains() throws {
        let table = EffectTable(
            base: [.hallucination: -50, .verbosity: -50, .format: -50, .refusal: -50, .incomplete: -50],
            kinds: ["unanswerable": .init(answerable: false)], instructions: [])
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: table))
        var request = Self.request()
        request.reference = "330 metres."
        #expect(try simulator.respond(to: request).outputs == ["330 metres."])
        #expect(
            try simulator.respond(to: Self.request(kind: "unanswerable")).outputs.first?.hasPrefix("I don't know")
                == true)
    }

    @Test func maxTokensCutsTheOutput() throws {
        let table = EffectTable(
            base: [.hallucination: -50, .verbosity: 50, .format: -50, .refusal: -50, .incomplete: -50], instructions: []
        )
        let simulator = try Simulator(configuration: SimulatorConfiguration(effects: table))
        var request = Self.request()
        request.maxTokens = 20
        let response = try simulator.respond(to: request)
        let output = try #require(response.outputs.first)
        #expect(TokenEstimate.count(output) <= 20)
        #expect(output.hasPrefix("The Eiffel Tower"))
        // It says so, as a server does with `finish_reason: "length"`; an answer within the cap ends with "stop".
        #expect(response.finishReasons == [.length])
        request.maxTokens = 5_000
        #expect(try simulator.respond(to: request).finishReasons == [.stop])
    }

    @Test func aResponseRecordedWithoutFinishReasonsStillDecodes() throws {
        let json =
            #"{"outputs":["ok"],"usage":{"prompt_tokens":1,"completion_tokens":1},"model":"m","simulated":false,"output_metadata":[]}"#
        let response = try JSONDecoder().decode(GenerationResponse.self, from: Data(json.utf8))
        #expect(response.outputs == ["ok"])
        #expect(response.finishReasons.isEmpty)
        let again = try JSONDecoder().decode(
            GenerationResponse.self,
            from: JSONEncoder().encode(
                GenerationResponse(
                    outputs: ["a", "b"], usage: TokenUsage(), model: "m", simulated: false,
                    finishReasons: [.length, nil])))
        #expect(again.finishReasons == [.length, nil])
    }

    @Test func invalidRequestsAreRejected() async throws {
        let simulator = Simulator()
        var request = Self.request()
        request.n = 0
        await #expect(throws: GenerationError.invalidRequest("n must be at least 1")) {
            try await simulator.generate(request)
        }
        request.n = 1
        request.temperature = -1
        #expect(throws: GenerationError.self) { try simulator.respond(to: request) }
    }

    @Test func requestFromExperienceCarriesKindAndFormat() {
        let experience = Experience(
            id: "e", input: "q", context: "c", response: "r", reference: "ref",
            metadata: ["kind": .string("unanswerable"), "format": .string("json")])
        let request = GenerationRequest(systemPrompt: "s", experience: experience, n: 2, seed: 3)
        #expect(request.userTurn == "q" && request.context == "c" && request.reference == "ref")
        #expect(request.kind == "unanswerable" && request.format == "json" && request.n == 2 && request.seed == 3)
    }
}
