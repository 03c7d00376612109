import Foundation
import Testing

@testable import RLTraining

struct BaselinesTests {
    @Test func rankerTopOneEvaluatesCandidateOneEverywhere() async throws {
        let task = SyntheticTask.rankerIsWrong
        let outcome = try await Baselines.rankerTopOne(
            choiceCounts: task.choiceCounts + [1],
            experienceCount: 100,
            configuration: BaselineConfiguration(rolloutBudget: 1920, evaluationsPerVariant: 32),
            reward: { variant, experience in
                try await task.reward(Variant(Array(variant.choices.prefix(3))), experience)
            }
        )
        #expect(outcome.variant == Variant([1, 1, 1, 0]))  // no candidates in the last cluster: no patch
        #expect(outcome.rollouts == 32)
        #expect(outcome.tokens == 3200)
        #expect(outcome.evaluations.count == 1)
    }

    @Test func exhaustiveSearchSplitsTheBudgetAndFindsTheBest() async throws {
        let task = SyntheticTask.rankerIsWrong  // 4 × 3 × 5 = 60 variants
        let configuration = BaselineConfiguration(rolloutBudget: 1920)
        let outcome = try await Baselines.exhaustiveSearch(
            choiceCounts: task.choiceCounts,
            experienceCount: 512,
            configuration: configuration,
            reward: task.reward
        )
        #expect(outcome.evaluations.count == 60)
        #expect(outcome.evaluations.allSatisfy { $0.rollouts == 32 })
        #expect(Set(outcome.evaluations.map(\.variant)).count == 60)
        #expect(outcome.evaluations.first?.variant == Variant([0, 0, 0]))
        #expect(outcome.evaluations.last?.variant == Variant([3, 2, 4]))
        #expect(outcome.rollouts == 1920)
        #expect(outcome.variant == task.bestVariant)
        #expect(outcome.meanReward == outcome.evaluations.map(\.meanReward).max())
    }

    @Test func exhaustiveSearchWithLessBudgetThanVariants() async throws {
        let task = SyntheticTask.rankerIsWrong
        let outcome = try await Baselines.exhaustiveSearch(
            choiceCounts: task.choiceCounts,
            experienceCount: 512,
            configuration: BaselineConfiguration(rolloutBudget: 25),
            reward: task.reward
        )
        #expect(outcome.evaluations.count == 25)
        #expect(outcome.rollouts == 25)
    }

    @Test func randomSearchDrawsDistinctVariantsWithinBudget() async throws {
        let task = SyntheticTask.rankerIsWrong
        let configuration = BaselineConfiguration(rolloutBudget: 500, evaluationsPerVariant: 16, seed: 9)
        let outcome = try await Baselines.randomSearch(
            choiceCounts: task.choiceCounts,
            experienceCount: 512,
            configuration: configuration,
            reward: task.reward
        )
        #expect(outcome.evaluations.count == 31)  // ⌊500 / 16⌋
        #expect(Set(outcome.evaluations.map(\.variant)).count == 31)
        #expect(outcome.rollouts == 496)
        let again = try await Baselines.randomSearch(
            choiceCounts: task.choiceCounts,
            experienceCount: 512,
            configuration: BaselineConfiguration(
                rolloutBudget: 500,
                evaluationsPerVariant: 16,
                maxConcurrentRollouts: 1,
                seed: 9
            ),
            reward: task.reward
        )
        #expect(again == outcome)

        // A budget larger than the space evaluates each variant once.
        let everything = try await Baselines.randomSearch(
            choiceCounts: task.choiceCounts,
            experienceCount: 512,
            configuration: BaselineConfiguration(rolloutBudget: 10_000, evaluationsPerVariant: 16),
            reward: task.reward
        )
        #expect(everything.evaluations.count == 60)
        #expect(everything.variant == task.bestVariant)
    }
}
