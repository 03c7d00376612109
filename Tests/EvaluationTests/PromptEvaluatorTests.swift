import Evaluation
import Experiences
import LanguageModels
import RLTraining
import Synchronization
import Testing
import Verification

/// A model whose answer depends on the prompt and on the call's seed: a prompt containing "careful" answers well,
/// any other badly; the seed's last digit adds noise shared by every prompt (so comparisons can be paired).
struct SeededModel: LanguageModel {
    let seeds = SeedLog()
    var name: String { "seeded-test-model" }

    func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        let seed = request.seed ?? 0
        self.seeds.record(prompt: request.systemPrompt, input: request.userTurn, seed: seed)
        let quality = request.systemPrompt.contains("careful") ? "good" : "bad"
        return GenerationResponse(
            outputs: ["\(quality) \(seed % 10)"], usage: TokenUsage(promptTokens: 3, completionTokens: 2),
            model: self.name,
            simulated: false)
    }
}

/// The seeds each (prompt, input) was asked with.
final class SeedLog: Sendable {
    private let seeds = Mutex<[String: UInt64]>([:])

    func record(prompt: String, input: String, seed: UInt64) {
        self.seeds.withLock { $0[prompt + "\u{0}" + input] = seed }
    }

    func seed(prompt: String, input: String) -> UInt64? {
        self.seeds.withLock { $0[prompt + "\u{0}" + input] }
    }
}

/// Judges `SeededModel`'s answers: "good d" gets 0.7 + d/50, "bad d" 0.4 + d/50 and, when d < 5, a hallucination.
struct DigitRewardModel: RewardModel {
    var name: String { "digit-reward/1" }

    func score(output: String, for experience: Experience) async throws -> Verdict {
        let parts = output.split(separator: " ")
        let digit = Double(parts.last.flatMap { Int($0) } ?? 0)
        let good = parts.first == "good"
        let modes: [ResponseFailure] = !good && digit < 5 ? [.hallucination] : []
        return Verdict(
            id: experience.id, reward: (good ? 0.7 : 0.4) + digit / 50, failureModes: modes,
            parts: RewardParts(grounding: 1, length: 1), hallucination: !modes.isEmpty, unsupportedClaims: [])
    }
}

struct PromptEvaluatorTests {
    static func experiences(_ count: Int) -> [Experience] {
        (0..<count).map { Experience(id: "e\($0)", input: "question \($0)", response: "logged", success: true) }
    }

    static let careful = EvaluatedPrompt(id: "p_v1_2", text: "Be careful: only use the context.")
    static let plain = EvaluatedPrompt(id: "p_v1_1", text: "Answer the question.")

    @Test func everyVersionAnswersAnExperienceWithTheSameSeed() async throws {
        let model = SeededModel()
        let experiences = Self.experiences(30)
        _ = try await PromptEvaluator(model: model, rewardModel: DigitRewardModel()).evaluate(
            [Self.plain, Self.careful], on: experiences)
        var seeds: Set<UInt64> = []
        for experience in experiences {
            let plain = model.seeds.seed(prompt: Self.plain.text, input: experience.input)
            #expect(plain != nil && plain == model.seeds.seed(prompt: Self.careful.text, input: experience.input))
            seeds.insert(try #require(plain))
        }
        #expect(seeds.count == experiences.count, "each experience has its own seed")
    }

    @Test func aBetterVersionIsBetterWithConfidenceAndTheWorseOneFailsTheCheck() async throws {
        var result = try await PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel()).evaluate(
            [Self.plain, Self.careful], on: Self.experiences(40))
        #expect(result.experiences == 40 && !result.tooLittleData)
        #expect(result.versions.map(\.promptID) == ["p_v1_1", "p_v1_2"])
        let difference = try #require(result.differences.first)
        #expect(difference.baseline == "p_v1_1" && difference.candidate == "p_v1_2")
        // The noise is shared, so every paired difference is exactly 0.3: the interval has no width.
        #expect(abs(difference.reward.estimate - 0.3) < 1e-9)
        #expect(abs(difference.reward.low - 0.3) < 1e-9 && abs(difference.reward.high - 0.3) < 1e-9)
        #expect(difference.verdict == .better)

        let passing = try result.check(against: "p_v1_1")
        #expect(passing.passed && passing.regressions.isEmpty)
        let failing = try result.check(against: "p_v1_2")
        #expect(!failing.passed)
        #expect(failing.regressions.map(\.candidate) == ["p_v1_1"])
        #expect(failing.regressions.first?.sentence.contains("p_v1_1 - p_v1_2: reward -0.3000") == true)
        #expect(result.gate == failing)
    }

    @Test func failureRatesHaveWilsonIntervalsAndPairedDifferences() async throws {
        let result = try await PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel()).evaluate(
            [Self.plain, Self.careful], on: Self.experiences(40))
        let plain = result.versions[0]
        let careful = result.versions[1]
        #expect(Set(plain.failureRates.keys) == Set(ResponseFailure.allCases.map(\.rawValue)))
        let hallucination = try #require(plain.failureRates["hallucination"])
        let expected = Double(result.cases.count(where: { $0.results[0].failureModes.contains("hallucination") })) / 40
        #expect(hallucination.estimate == expected && expected > 0.2)
        #expect(hallucination.low < expected && hallucination.high > expected)
        let none = try #require(careful.failureRates["hallucination"])
        #expect(none.estimate == 0 && none.low == 0 && none.high > 0.05, "0 of 40 is not 'exactly none'")
        let drop = try #require(result.differences.first?.failureRates["hallucination"])
        #expect(abs(drop.estimate + expected) < 1e-9 && drop.high < 0)
    }

    @Test func theSamePromptUnderTwoIDsDiffersByNothing() async throws {
        let twin = EvaluatedPrompt(id: "p_v1_3", text: Self.plain.text)
        let result = try await PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel()).evaluate(
            [Self.plain, twin], on: Self.experiences(30))
        let difference = try #require(result.differences.first)
        #expect(difference.reward.low == 0 && difference.reward.high == 0)
        #expect(difference.verdict == .noSignificantDifference)
    }

    @Test func threeVersionsGiveEveryPair() async throws {
        let third = EvaluatedPrompt(id: "p_v2_1", text: "careful and short")
        let result = try await PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel()).evaluate(
            [Self.plain, Self.careful, third], on: Self.experiences(20))
        #expect(
            result.differences.map { "\($0.candidate)-\($0.baseline)" } == [
                "p_v1_2-p_v1_1", "p_v2_1-p_v1_1", "p_v2_1-p_v1_2",
            ])
    }

    @Test func tooFewExperiencesAreNeverCalledSignificant() async throws {
        var result = try await PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel()).evaluate(
            [Self.plain, Self.careful], on: Self.experiences(5))
        #expect(result.tooLittleData)
        #expect(result.differences.first?.verdict == .noSignificantDifference)
        #expect(try result.check(against: "p_v1_2").passed)
        #expect(result.tooLittleDataNote?.contains("5 experiences, at least 20") == true)
    }

    @Test func inputsThatCannotBeEvaluatedAreRefused() async throws {
        let evaluator = PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel())
        await #expect(throws: EvaluationError.noPrompts) { try await evaluator.evaluate([], on: Self.experiences(3)) }
        await #expect(throws: EvaluationError.duplicatePrompt("p_v1_1")) {
            try await evaluator.evaluate([Self.plain, Self.plain], on: Self.experiences(3))
        }
        await #expect(throws: EvaluationError.noExperiences) { try await evaluator.evaluate([Self.plain], on: []) }
        var result = try await evaluator.evaluate([Self.plain], on: Self.experiences(3))
        #expect(throws: EvaluationError.unknownPrompt("p_v9_9")) { try result.check(against: "p_v9_9") }
    }
}

/// A model whose every answer the token cap cut: "The Ghent", with `finish_reason: "length"`.
struct CutModel: LanguageModel {
    var name: String { "cut-test-model" }

    func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        GenerationResponse(
            outputs: Array(repeating: "The Ghent", count: request.n), usage: TokenUsage(), model: self.name,
            simulated: false, finishReasons: Array(repeating: .length, count: request.n))
    }
}

struct CutAnswerEvaluationTests {
    /// The evaluator hands the reward model why each answer ended: the verifier cannot see the cut in the text.
    @Test func anAnswerTheCapCutIsScoredIncomplete() async throws {
        let experience = Experience(
            id: "ghent", input: "How many parking spaces does the Ghent store have?",
            context: "The Ghent store has 40 parking spaces.", response: "logged")
        let result = try await PromptEvaluator(model: CutModel(), rewardModel: try Verifier()).evaluate(
            [PromptEvaluatorTests.plain], on: [experience])
        let modes = try #require(result.cases.first?.results.first?.failureModes)
        #expect(modes.contains("incomplete"), "\(modes)")
    }
}

/// A model that names the company it answers for.
struct CompanyModel: LanguageModel {
    var name: String { "company-test-model" }

    func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        GenerationResponse(
            outputs: ["The Ghent store has 40 parking spaces, says Northwind Outfitters."], usage: TokenUsage(),
            model: self.name, simulated: false)
    }
}

struct SystemPromptEvaluationTests {
    /// Each version's answers are scored against its own prompt: the company one version names is no invention in
    /// its answers, and is one in the answers of a version that never names it.
    @Test func eachVersionIsScoredAgainstItsOwnPrompt() async throws {
        let experience = Experience(
            id: "ghent", input: "How many parking spaces does the Ghent store have?",
            context: "The Ghent store has 40 parking spaces.", response: "logged")
        let named = EvaluatedPrompt(id: "p_v1_2", text: "You answer for Northwind Outfitters.")
        let result = try await PromptEvaluator(model: CompanyModel(), rewardModel: try Verifier()).evaluate(
            [PromptEvaluatorTests.plain, named], on: [experience])
        let results = try #require(result.cases.first?.results)
        #expect(results[0].failureModes.contains("hallucination"), "\(results[0])")
        #expect(results[1].failureModes.isEmpty, "\(results[1])")
    }
}
