import Randomness

@testable import RLTraining

/// A reward function with a known best variant: the reward is noise around a per-variant mean, drawn
/// deterministically from (variant, experience), so any concurrency gives the same rewards.
struct SyntheticTask: Sendable {
    enum Noise: Sendable {
        /// Reward 1 with probability `mean`, else 0.
        case bernoulli
        /// `mean + N(0, σ²)`.
        case gaussian(sigma: Double)
    }

    var rankerScores: [[Double]]
    var noise: Noise
    var salt: UInt64 = 0x5EED
    /// The mean reward of a variant.
    var mean: @Sendable (Variant) -> Double

    var choiceCounts: [Int] { self.rankerScores.map { $0.count + 1 } }

    var prior: PatchPolicy { PatchPolicy(rankerScores: self.rankerScores) }

    var allVariants: [Variant] {
        self.choiceCounts.reduce([[Int]()]) { prefixes, count in
            prefixes.flatMap { prefix in (0..<count).map { prefix + [$0] } }
        }.map { Variant($0) }
    }

    /// The variant with the highest mean (unique in every task used here).
    var bestVariant: Variant { self.allVariants.max { self.mean($0) < self.mean($1) }! }

    func sample(_ variant: Variant, _ experience: Int) -> Double {
        let code = variant.choices.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
        var rng = SplitMix64.derived(seed: self.salt, stream: UInt64(experience) &* 1_000_003 &+ code)
        let mean = self.mean(variant)
        switch self.noise {
        case .bernoulli:
            return rng.nextUnitDouble() < mean ? 1 : 0
        case .gaussian(let sigma):
            return mean + sigma * rng.nextStandardNormal()
        }
    }

    var reward: RewardFunction {
        let task = self
        return { variant, experience in RewardSample(reward: task.sample(variant, experience), tokens: 100) }
    }

    /// Three clusters (3, 2 and 4 candidates); the ranker's favourite is candidate 1 everywhere, but the best is
    /// [2, 1, 3]: cluster 0 and 2's best are their third-ranked candidates, and they earn an interaction bonus
    /// together, while the ranker's favourites clash. Bernoulli rewards; best mean 0.82, next 0.68.
    static let rankerIsWrong = SyntheticTask(
        rankerScores: [[0.8, 0.7, 0.6], [0.7, 0.6], [0.9, 0.8, 0.7, 0.6]],
        noise: .bernoulli
    ) { variant in
        let effects0 = [0, 0.05, 0.15, 0.0]
        let effects1 = [0, 0.12, 0.04]
        let effects2 = [0, 0.04, 0.02, 0.12, 0.06]
        var mean = 0.35 + effects0[variant[0]] + effects1[variant[1]] + effects2[variant[2]]
        if variant[0] == 2 && variant[2] == 3 { mean += 0.08 }
        if variant[0] == 1 && variant[2] == 1 { mean -= 0.05 }
        return mean
    }

    /// Two clusters (2 and 3 candidates); every patch of cluster 1 hurts, so its best choice is "no patch" though
    /// the ranker likes its first candidate. Gaussian rewards (σ = 0.15); best [1, 0] has mean 0.6, next 0.52.
    static let noPatchIsBest = SyntheticTask(
        rankerScores: [[0.7, 0.6], [0.9, 0.7, 0.6]],
        noise: .gaussian(sigma: 0.15)
    ) { variant in
        let effects0 = [0, 0.2, 0.1]
        let effects1 = [0, -0.1, -0.15, -0.05]
        var mean = 0.4 + effects0[variant[0]] + effects1[variant[1]]
        if variant[0] == 1 && variant[1] == 3 { mean -= 0.03 }
        return mean
    }
}
