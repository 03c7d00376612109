import Foundation
import Testing

@testable import RLTraining

/// Training must find the known best variant of synthetic tasks for at least 9 of 10 seeds.
///
/// Budget for every case: G = 8 variants × B = 8 experiences = 64 rollouts per step, at most 30 steps, and a rollout
/// cap of 1920 (30 steps), over 512 training experiences.
struct LearningTests {
    static let budget = 1920

    static func configuration(
        seed: UInt64, normalization: AdvantageNormalization = .standardDeviation
    )
        -> GRPOConfiguration
    {
        GRPOConfiguration(
            groupSize: 8,
            batchSize: 8,
            steps: 30,
            advantageNormalization: normalization,
            maxConcurrentRollouts: 8,
            rolloutBudget: Self.budget,
            seed: seed
        )
    }

    static func successes(
        _ task: SyntheticTask,
        normalization: AdvantageNormalization = .standardDeviation
    ) async throws -> (count: Int, found: [Variant]) {
        var found = [Variant]()
        for seed in 0..<10 as Range<UInt64> {
            let trainer = GRPOTrainer(
                prior: task.prior,
                configuration: Self.configuration(seed: seed, normalization: normalization)
            )
            let outcome = try await trainer.train(experienceCount: 512, reward: task.reward)
            #expect(outcome.rollouts <= Self.budget)
            found.append(outcome.variant)
        }
        return (found.filter { $0 == task.bestVariant }.count, found)
    }

    @Test func findsTheBestWhenTheRankersFavouriteIsNot() async throws {
        let task = SyntheticTask.rankerIsWrong
        #expect(task.bestVariant == Variant([2, 1, 3]))
        #expect(task.prior.mostProbableVariant == Variant([1, 1, 1]))
        let result = try await Self.successes(task)
        #expect(result.count >= 9, "found \(result.found)")
    }

    @Test func findsThatNoPatchIsBestForAHarmfulCluster() async throws {
        let task = SyntheticTask.noPatchIsBest
        #expect(task.bestVariant == Variant([1, 0]))
        #expect(task.prior.mostProbableVariant == Variant([1, 1]))
        let result = try await Self.successes(task)
        #expect(result.count >= 9, "found \(result.found)")
    }

    @Test func drGRPOAlsoLearns() async throws {
        let result = try await Self.successes(.rankerIsWrong, normalization: .meanOnly)
        #expect(result.count >= 9, "found \(result.found)")
    }
}
