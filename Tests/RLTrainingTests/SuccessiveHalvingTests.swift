import Foundation
import Randomness
import Synchronization
import Testing

@testable import RLTraining

/// ``AllocationRule/successiveHalving``: clearly worse choices stop being sampled, each decision says what it cost,
/// and the known best is found with fewer rollouts than GRPO sampling from its policy needs.
struct SuccessiveHalvingTests {
    static func configuration(
        seed: UInt64, budget: Int, allocation: AllocationRule = .successiveHalving, concurrency: Int = 8
    ) -> GRPOConfiguration {
        GRPOConfiguration(
            groupSize: 8, batchSize: 8, steps: 30, advantageNormalization: .meanOnly,
            maxConcurrentRollouts: concurrency, rolloutBudget: budget, seed: seed, allocation: allocation)
    }

    static func found(_ task: SyntheticTask, budget: Int, allocation: AllocationRule) async throws -> Int {
        var found = 0
        for seed in 0..<10 as Range<UInt64> {
            let outcome = try await GRPOTrainer(
                prior: task.prior, configuration: Self.configuration(seed: seed, budget: budget, allocation: allocation)
            ).train(experienceCount: 512, reward: task.reward)
            #expect(outcome.rollouts <= budget)
            found += outcome.variant == task.bestVariant ? 1 : 0
        }
        return found
    }

    /// Half of `LearningTests`' 1920 rollouts: halving finds the best where sampling from the policy does not.
    @Test func findsTheBestWithHalfTheRollouts() async throws {
        let halving = try await Self.found(.rankerIsWrong, budget: 960, allocation: .successiveHalving)
        let policy = try await Self.found(.rankerIsWrong, budget: 960, allocation: .policy)
        #expect(halving >= 9, "halving found the best in \(halving) of 10 seeds")
        #expect(policy < halving, "policy sampling found it in \(policy) of 10")
        #expect(try await Self.found(.noPatchIsBest, budget: 960, allocation: .successiveHalving) >= 9)
    }

    /// After each decision only its survivors are sampled; the decisions' rollouts add up to the run's, and the run
    /// stops, decided, with the final policy on the chosen variant.
    @Test func droppedChoicesAreNotSampledAgain() async throws {
        let task = SyntheticTask.rankerIsWrong
        let calls = Mutex([Variant]())
        let reward: RewardFunction = { variant, experience in
            calls.withLock { $0.append(variant) }
            return try await task.reward(variant, experience)
        }
        let outcome = try await GRPOTrainer(
            prior: task.prior, configuration: Self.configuration(seed: 3, budget: 960, concurrency: 1)
        ).train(experienceCount: 512, reward: reward)
        let sampled = calls.withLock { $0 }
        #expect(sampled.count == outcome.rollouts)
        #expect(outcome.stopReason == .completed)
        #expect(outcome.decisions.count >= 3)
        #expect(outcome.decisions.last?.variantsAfter == 1)
        #expect(outcome.decisions.map(\.rollouts).reduce(0, +) == outcome.rollouts)
        #expect(outcome.decisions.last?.totalRollouts == outcome.rollouts)
        #expect(outcome.decisions.first?.variantsBefore == 60)
        for decision in outcome.decisions {
            #expect(decision.variantsAfter < decision.variantsBefore)
            for variant in sampled[decision.totalRollouts...] {
                #expect(variant.choices.indices.allSatisfy { decision.survivingChoices[$0].contains(variant[$0]) })
                if decision.phase == .variants { #expect(decision.survivingVariants.contains(variant)) }
            }
        }
        #expect(outcome.decisions.last?.survivingVariants == [outcome.variant])
        #expect(outcome.policy.mostProbableVariant == outcome.variant)
    }

    /// Like `train` under the policy rule, the result does not depend on the concurrency bound.
    @Test(arguments: [1, 16])
    func concurrencyBoundDoesNotChangeTheResult(concurrency: Int) async throws {
        let task = SyntheticTask.noPatchIsBest
        let reward: RewardFunction = { variant, experience in
            try await Task.sleep(for: .microseconds(Int.random(in: 0..<200)))
            return try await task.reward(variant, experience)
        }
        let reference = try await GRPOTrainer(
            prior: task.prior, configuration: Self.configuration(seed: 5, budget: 320, concurrency: 4)
        ).train(experienceCount: 100, reward: task.reward)
        let outcome = try await GRPOTrainer(
            prior: task.prior, configuration: Self.configuration(seed: 5, budget: 320, concurrency: concurrency)
        ).train(experienceCount: 100, reward: reward)
        #expect(outcome == reference)
    }

    /// Each group gives every surviving choice of a cluster the same share of its slots.
    @Test func groupsSampleTheSurvivorsEvenly() {
        let allocator = HalvingAllocator(choiceCounts: [4, 2, 3], groupSize: 8, plannedRollouts: 320)
        #expect(allocator.phase == .choices)
        #expect(allocator.survivorCount == 24)
        var rng = SplitMix64(seed: 9)
        for _ in 0..<20 {
            let group = allocator.group(using: &rng)
            #expect(group.count == 8)
            for (cluster, choices) in [4, 2, 3].enumerated() {
                let counts = (0..<choices).map { choice in group.count { $0[cluster] == choice } }
                #expect(counts.max()! - counts.min()! <= 1, "cluster \(cluster): \(counts)")
            }
        }
    }

    /// A space of at most `G` variants is compared whole from the start: every group is every variant.
    @Test func smallSpacesAreComparedWhole() {
        let allocator = HalvingAllocator(choiceCounts: [3, 2], groupSize: 8)
        #expect(allocator.phase == .variants)
        #expect(allocator.roundsLeft == 3)
        var rng = SplitMix64(seed: 1)
        #expect(Set(allocator.group(using: &rng)).count == 6)
    }
}

/// The benchmark's successive-halving baseline over whole variants.
struct SuccessiveHalvingBaselineTests {
    @Test func staysWithinTheBudgetAndFindsTheBest() async throws {
        let task = SyntheticTask.rankerIsWrong  // 60 variants: 6 rounds
        let outcome = try await Baselines.successiveHalving(
            choiceCounts: task.choiceCounts, experienceCount: 512,
            configuration: BaselineConfiguration(rolloutBudget: 1920, seed: 1), reward: task.reward)
        #expect(outcome.rollouts <= 1920)
        #expect(outcome.rollouts > 1700)
        #expect(outcome.evaluations.count == 60)
        #expect(outcome.variant == task.bestVariant)
        // The survivors of later rounds were evaluated more often than the first round's losers.
        let counts = outcome.evaluations.map(\.rollouts)
        #expect(counts.max()! > 4 * counts.min()!)
    }

    @Test func startsFromARandomSubsetWhenTheBudgetIsSmall() async throws {
        let task = SyntheticTask.rankerIsWrong
        let outcome = try await Baselines.successiveHalving(
            choiceCounts: task.choiceCounts, experienceCount: 512,
            configuration: BaselineConfiguration(rolloutBudget: 100, seed: 1), reward: task.reward)
        #expect(outcome.rollouts <= 100)
        #expect(outcome.evaluations.count < 60)
        #expect(outcome.evaluations.count * 5 <= 100)
    }
}
