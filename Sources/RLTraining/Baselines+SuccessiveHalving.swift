import ConcurrencyLimits
import Randomness

extension Baselines {
    /// Successive halving over whole variants (Karnin et al.'s fixed-budget form): each round gives every survivor
    /// the same `⌊left / (rounds left · survivors)⌋` new experiences (at least one; the same experiences for all, so
    /// comparisons are paired) and keeps the better half by mean reward over every round so far. When the budget
    /// cannot give every variant one evaluation per round, it starts from the largest random set of distinct
    /// variants `n` with `n · ⌈log₂ n⌉ ≤ budget`.
    ///
    /// - Parameters: as `rankerTopOne`.
    /// - Precondition: the variant space fits in an `Int`; `rolloutBudget ≥ 2`.
    /// - Throws: as `rankerTopOne`.
    package static func successiveHalving(
        choiceCounts: [Int],
        experienceCount: Int,
        configuration: BaselineConfiguration = BaselineConfiguration(),
        reward: @escaping RewardFunction
    ) async throws -> BaselineOutcome {
        precondition(choiceCounts.allSatisfy { $0 >= 1 }, "every cluster has at least the no-patch choice")
        precondition(configuration.rolloutBudget >= 2, "the budget must allow two calls")
        precondition(experienceCount > 0, "a baseline needs at least one experience")
        guard let space = Self.variantCount(choiceCounts) else { preconditionFailure("variant space too large") }
        let budget = configuration.rolloutBudget
        var start = space
        while start > 2 && start * Self.roundCount(start) > budget { start -= max(1, start / 16) }
        var variants: [Variant]
        if start == space {
            variants = (0..<space).map { Self.variant(at: $0, choiceCounts: choiceCounts) }
        } else {
            var rng = SplitMix64.derived(seed: configuration.seed, stream: 0x6861_6C76)
            var seen = Set<Variant>()
            variants = []
            while variants.count < start {
                let variant = Variant(choiceCounts.map { Int(rng.next(upperBound: UInt64($0))) })
                if seen.insert(variant).inserted { variants.append(variant) }
            }
        }
        var order = ExperienceOrder(count: experienceCount, seed: configuration.seed)
        var sums = [Variant: (reward: Double, count: Int)]()
        var spent = 0
        var tokens = 0
        while variants.count > 1 {
            let perVariant = max(1, (budget - spent) / (Self.roundCount(variants.count) * variants.count))
            guard perVariant * variants.count <= budget - spent else { break }
            let experiences = order.next(perVariant)
            let round = variants
            let samples = try await BoundedConcurrency.map(
                count: round.count * perVariant, maxConcurrency: configuration.maxConcurrentRollouts
            ) { index in
                try await reward(round[index / perVariant], experiences[index % perVariant])
            }
            for (index, sample) in samples.enumerated() {
                guard sample.reward.isFinite else {
                    throw TrainingError.nonFiniteReward(
                        variant: round[index / perVariant], experience: experiences[index % perVariant])
                }
                sums[round[index / perVariant], default: (0, 0)].reward += sample.reward
                sums[round[index / perVariant], default: (0, 0)].count += 1
            }
            spent += samples.count
            tokens += samples.reduce(0) { $0 + $1.tokens }
            let ranked = round.enumerated().sorted { lhs, rhs in
                let left = Self.mean(sums[lhs.element])
                let right = Self.mean(sums[rhs.element])
                return left != right ? left > right : lhs.offset < rhs.offset
            }.map(\.element)
            variants = Array(ranked.prefix((ranked.count + 1) / 2))
        }
        let best = variants.max { Self.mean(sums[$0]) < Self.mean(sums[$1]) }!
        return BaselineOutcome(
            variant: best, meanReward: Self.mean(sums[best]), rollouts: spent, tokens: tokens,
            evaluations: sums.map {
                VariantEvaluation(variant: $0.key, meanReward: Self.mean($0.value), rollouts: $0.value.count)
            }
            .sorted { $0.variant.choices.lexicographicallyPrecedes($1.variant.choices) })
    }

    private static func mean(_ sum: (reward: Double, count: Int)?) -> Double {
        guard let sum, sum.count > 0 else { return 0 }
        return sum.reward / Double(sum.count)
    }

    /// `⌈log₂ n⌉`, the rounds halving takes from `n` survivors to one.
    private static func roundCount(_ n: Int) -> Int {
        var rounds = 0
        var left = n
        while left > 1 {
            left = (left + 1) / 2
            rounds += 1
        }
        return rounds
    }
}
