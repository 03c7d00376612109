import Experiences
import Foundation
import LanguageModels
import PromptTraining
import Prompts
import RLTraining
import Testing
import TrainingScenarios
import Verification

/// Training does not reward trading answers for refusals (`TrainingReward`): the reward still ranks a refusal above a
/// hallucination, but a variant that only turns hallucinations into refusals gains nothing in training, so a smaller
/// grounded fix wins there, and the gate can write it.
struct TrainingRewardTests {
    static func verdict(_ reward: Double, _ failures: [ResponseFailure], kind: ResponseKind = .answer) -> Verdict {
        Verdict(
            id: nil, reward: reward, failureModes: failures, responseKind: kind,
            parts: RewardParts(grounding: 0.7, length: 1), hallucination: failures.contains(.hallucination),
            unsupportedClaims: [])
    }

    @Test func aNonAnswerEarnsNoMoreThanTheLoggedAnswerItReplaces() {
        let refusal = Self.verdict(0.45, [.refusal], kind: .refusal)
        // Replacing a logged hallucination (0.35): capped there. Replacing a logged success (0.8): its own 0.45.
        #expect(TrainingReward.of(refusal, loggedAnswerReward: 0.35) == 0.35)
        #expect(TrainingReward.of(refusal, loggedAnswerReward: 0.8) == 0.45)
        #expect(TrainingReward.of(Self.verdict(0.44, [.unanswered]), loggedAnswerReward: 0.2) == 0.2)
        // A logged non-answer (nil) leaves the reward alone, and so does every answer and a correct abstention.
        #expect(TrainingReward.of(refusal, loggedAnswerReward: nil) == 0.45)
        #expect(TrainingReward.of(Self.verdict(0.8, []), loggedAnswerReward: 0.35) == 0.8)
        #expect(TrainingReward.of(Self.verdict(0.3, [.hallucination]), loggedAnswerReward: 0.35) == 0.3)
        #expect(TrainingReward.of(Self.verdict(0.6, [], kind: .abstention), loggedAnswerReward: 0.35) == 0.6)
    }

    /// The base prompt hallucinates on about 95% of the questions. `cluster_1-decline` makes the model decline almost
    /// always: its mean reward (about 0.46 in training, against the base prompt's 0.37) comes from refusals replacing
    /// hallucinations. `cluster_1-ground` only turns some hallucinations into grounded answers (about 0.42). Both have
    /// the same ranker score. On the reward alone training picks the decline rule on seeds 1-6 and the gate blocks it
    /// on the refusal guardrail (``refusalTradeWinsWithoutTheCap()``); with the training reward's cap it picks the
    /// grounded rule on all six (checked when the cap was added).
    static func refusalOrGrounding() -> Scenario {
        var groups = Scenario.Groups(scale: 1)
        let failures = groups.next(.answerable, 110, "rg-c1", failed: true)
        let successes = groups.next(.answerable, 10, "rg", failed: false)
        return Scenario(
            name: "a refusal trade against a smaller grounded fix",
            table: EffectTable(
                base: [.hallucination: 3, .verbosity: -6, .format: -6, .refusal: -6, .incomplete: -6],
                kinds: ["answerable": .init(answerable: true)],
                instructions: [
                    .init(
                        name: "decline_when_unsure", triggers: ["decline whenever you are unsure"],
                        effects: [.hallucination: -5, .refusal: 10]),
                    .init(
                        name: "state_only_the_context", triggers: ["state only what the context says"],
                        effects: [.hallucination: -0.8]),
                ]),
            experiences: failures + successes,
            clusters: [
                Scenario.cluster(
                    "cluster_1", label: "invented facts", members: failures,
                    candidates: [
                        Scenario.candidate("cluster_1-decline", "Decline whenever you are unsure.", score: 0.7),
                        Scenario.candidate("cluster_1-ground", "State only what the context says.", score: 0.7),
                    ])
            ])
    }

    @Test func aSmallerGroundedFixBeatsARefusalTrade() async throws {
        let scenario = Self.refusalOrGrounding()
        try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory)
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 40, rolloutBudget: 2560), jobID: "job-refusal-or-grounding")
            #expect(result.patchIDs == ["cluster_1": "cluster_1-ground"], "\(result.training.probabilities)")
            #expect(result.outcome != .blockedByGuardrail, "\(result.message)")
            let refusal = try #require(result.evaluation.guardrails.first { $0.name == "refusal" })
            #expect(!refusal.blocked, "\(refusal)")
        }
    }

    /// The same job training on the reward itself (`capsNonAnswers = false`, as the real-model benchmark's
    /// `--training-reward raw`): the decline rule wins training, and only the gate's refusal guardrail keeps it out.
    @Test func refusalTradeWinsWithoutTheCap() async throws {
        let scenario = Self.refusalOrGrounding()
        var configuration = TrainerConfiguration()
        configuration.capsNonAnswers = false
        try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory, configuration: configuration)
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 40, rolloutBudget: 2560), jobID: "job-refusal-trade-uncapped")
            #expect(result.patchIDs == ["cluster_1": "cluster_1-decline"], "\(result.training.probabilities)")
            #expect(result.outcome == .blockedByGuardrail, "\(result.message)")
        }
    }
}
