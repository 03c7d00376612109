import ConcurrencyLimits
import Randomness

/// Search baselines to compare GRPO against under the same reward function and rollout budget.
///
/// Every variant a baseline evaluates runs on the same experiences (the first ones of the seeded experience order
/// GRPO also uses), so comparisons between variants are paired. Rewards are placed by index, so each baseline is
/// deterministic for a deterministic reward function whatever the concurrency bound.
package enum Baselines {
    /// No search: the ranker's top-1 candidate in every cluster (choice 1; "no patch" for a cluster without
    /// candidates), evaluated on `min(evaluationsPerVariant, rolloutBudget)` experiences.
    ///
    /// - Parameters:
    ///   - choiceCounts: per cluster, `m_c + 1` (its candidates plus "no patch"), e.g. `prior.choiceCounts`.
    ///   - experienceCount: how many experiences the reward function knows.
    ///   - configuration: budget, evaluations, concurrency and seed.
    ///   - reward: the same reward function GRPO uses.
    /// - Throws: the reward function's errors, `CancellationError`, or `TrainingError.nonFiniteReward`.
    package static func rankerTopOne(
        choiceCounts: [Int],
        experienceCount: Int,
        configuration: BaselineConfiguration = BaselineConfiguration(),
        reward: @escaping RewardFunction
    ) async throws -> BaselineOutcome {
        let variant = Variant(choiceCounts.map { $0 > 1 ? 1 : Variant.noPatch })
        let evaluations = min(configuration.evaluationsPerVariant, configuration.rolloutBudget)
        return try await Self.evaluate(
            [variant],
            evaluations: evaluations,
            experienceCount: experienceCount,
            configuration: configuration,
            reward: reward
        )
    }

    /// Random search: `min(⌊budget / E⌋, |variants|)` distinct variants drawn uniformly from the whole space, each
    /// evaluated on the same `E = evaluationsPerVariant` experiences; the best mean wins.
    ///
    /// - Parameters: as `rankerTopOne`.
    /// - Throws: as `rankerTopOne`.
    /// - Complexity: V·E reward calls; drawing distinct variants by rejection costs O(V log V) draws in expectation
    ///   while V is well below the space's size.
    package static func randomSearch(
        choiceCounts: [Int],
        experienceCount: Int,
        configuration: BaselineConfiguration = BaselineConfiguration(),
        reward: @escaping RewardFunction
    ) async throws -> BaselineOutcome {
        precondition(choiceCounts.allSatisfy { $0 >= 1 }, "every cluster has at least the no-patch choice")
        let evaluations = max(1, min(configuration.evaluationsPerVariant, configuration.rolloutBudget))
        let space = Self.variantCount(choiceCounts) ?? Int.max
        let variantCount = min(configuration.rolloutBudget / evaluations, space)
        var rng = SplitMix64.derived(seed: configuration.seed, stream: 0x7261_6E64)
        var seen = Set<Variant>()
        var variants = [Variant]()
        while variants.count < variantCount {
            let variant = Variant(choiceCounts.map { Int(rng.next(upperBound: UInt64($0))) })
            if seen.insert(variant).inserted { variants.append(variant) }
        }
        return try await Self.evaluate(
            variants,
            evaluations: evaluations,
            experienceCount: experienceCount,
            configuration: configuration,
            reward: reward
        )
    }

    /// Exhaustive search: every variant (in lexicographic order of choices, the first cluster varying slowest),
    /// each on the same `⌊budget / |variants|⌋` experiences; the best mean wins. When the budget is smaller than the
    /// space, only the first `budget` variants are evaluated, once each, and `evaluations` shows which.
    ///
    /// - Parameters: as `rankerTopOne`.
    /// - Precondition: the variant space fits in an `Int`; `rolloutBudget ≥ 1`.
    /// - Throws: as `rankerTopOne`.
    package static func exhaustiveSearch(
        choiceCounts: [Int],
        experienceCount: Int,
        configuration: BaselineConfiguration = BaselineConfiguration(),
        reward: @escaping RewardFunction
    ) async throws -> BaselineOutcome {
        precondition(choiceCounts.allSatisfy { $0 >= 1 }, "every cluster has at least the no-patch choice")
        precondition(configuration.rolloutBudget >= 1, "the budget must allow one call")
        guard let space = Self.variantCount(choiceCounts) else { preconditionFailure("variant space too large") }
        let evaluated = min(space, configuration.rolloutBudget)
        let variants = (0..<evaluated).map { Self.variant(at: $0, choiceCounts: choiceCounts) }
        return try await Self.evaluate(
            variants,
            evaluations: max(1, configuration.rolloutBudget / space),
            experienceCount: experienceCount,
            configuration: configuration,
            reward: reward
        )
    }

    /// The variant at `index` in lexicographic order of choices (the first cluster varying slowest).
    static func variant(at index: Int, choiceCounts: [Int]) -> Variant {
        var remainder = index
        var choices = [Int](repeating: 0, count: choiceCounts.count)
        for cluster in choiceCounts.indices.reversed() {
            choices[cluster] = remainder % choiceCounts[cluster]
            remainder /= choiceCounts[cluster]
        }
        return Variant(choices)
    }

    /// The number of variants, or `nil` when it does not fit in an `Int`.
    static func variantCount(_ choiceCounts: [Int]) -> Int? {
        var count = 1
        for choices in choiceCounts {
            let (product, overflow) = count.multipliedReportingOverflow(by: choices)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// Runs every variant on the same first `evaluations` experiences of the seeded order and picks the best mean.
    private static func evaluate(
        _ variants: [Variant],
        evaluations: Int,
        experienceCount: Int,
        configuration: BaselineConfiguration,
        reward: @escaping RewardFunction
    ) async throws -> BaselineOutcome {
        precondition(experienceCount > 0, "a baseline needs at least one experience")
        precondition(!variants.isEmpty && evaluations >= 1, "the budget must allow one evaluation")
        var order = ExperienceOrder(count: experienceCount, seed: configuration.seed)
        let experiences = order.next(evaluations)
        let samples = try await BoundedConcurrency.map(
            count: variants.count * evaluations,
            maxConcurrency: configuration.maxConcurrentRollouts
        ) { index in
            try await reward(variants[index / evaluations], experiences[index % evaluations])
        }
        for (index, sample) in samples.enumerated() where !sample.reward.isFinite {
            throw TrainingError.nonFiniteReward(
                variant: variants[index / evaluations],
                experience: experiences[index % evaluations]
            )
        }
        let results = variants.indices.map { position in
            let rewards = samples[position * evaluations..<(position + 1) * evaluations].map(\.reward)
            return VariantEvaluation(
                variant: variants[position],
                meanReward: Statistics.mean(rewards),
                rollouts: evaluations
            )
        }
        var best = 0
        for position in results.indices where results[position].meanReward > results[best].meanReward {
            best = position
        }
        return BaselineOutcome(
            variant: results[best].variant,
            meanReward: results[best].meanReward,
            rollouts: samples.count,
            tokens: samples.reduce(0) { $0 + $1.tokens },
            evaluations: results
        )
    }
}
