import Randomness
import Testing

@testable import RLTraining

/// ``HalvingAllocator/variantEstimates()``: whole variants are ranked on every rollout that used their choices when
/// the choices' effects add up, and on their own rollouts when they do not.
struct VariantEstimateTests {
    /// Feeds `groups` groups of every variant of a 3 × 3 space (compared whole) with `truth` plus noise.
    static func allocator(truth: (Variant) -> Double, noise: Double, groups: Int, seed: UInt64) -> HalvingAllocator {
        var allocator = HalvingAllocator(choiceCounts: [3, 3], groupSize: 8)
        var rng = SplitMix64(seed: seed)
        for experience in 0..<groups {
            let variants = allocator.group(using: &rng)
            let rewards = variants.map { truth($0) + noise * rng.nextStandardNormal() }
            allocator.record([RolloutGroup(experience: experience, variants: variants, rewards: rewards)], rollouts: 9)
        }
        return allocator
    }

    static func squaredError(_ estimates: [Variant: Double], truth: (Variant) -> Double) -> Double {
        let centre = estimates.values.reduce(0, +) / Double(estimates.count)
        let truthCentre = estimates.keys.map(truth).reduce(0, +) / Double(estimates.count)
        return estimates.reduce(0) { sum, entry in
            let error = (entry.value - centre) - (truth(entry.key) - truthCentre)
            return sum + error * error
        }
    }

    /// With additive effects and noisy rewards, the estimates are nearer the truth than the variants' own means.
    @Test func additiveEffectsPoolTheirRollouts() {
        let truth: (Variant) -> Double = { 0.1 * Double($0[0]) + 0.05 * Double($0[1]) }
        var pooled = 0.0
        var own = 0.0
        for seed in 0..<20 as Range<UInt64> {
            let allocator = Self.allocator(truth: truth, noise: 0.3, groups: 6, seed: seed)
            let estimates = allocator.variantEstimates()
            #expect(estimates.count == 9)
            pooled += Self.squaredError(estimates, truth: truth)
            own += Self.squaredError(allocator.ownMeans(), truth: truth)
        }
        // The model has 5 parameters for 9 variants: about 5/9 of the own means' error is left.
        #expect(pooled < 0.7 * own, "squared error \(pooled) pooled against \(own) own")
    }

    /// A variant far from what its choices predict, measured precisely, keeps its own mean.
    @Test func interactionsKeepTheOwnMean() {
        let truth: (Variant) -> Double = { $0 == Variant([2, 2]) ? 0.5 : 0.1 * Double($0[0]) }
        let allocator = Self.allocator(truth: truth, noise: 0.01, groups: 8, seed: 4)
        let estimates = allocator.variantEstimates()
        let best = estimates.max { $0.value < $1.value }!.key
        #expect(best == Variant([2, 2]))
        let own = allocator.ownMeans()
        #expect(abs(estimates[Variant([2, 2])]! - own[Variant([2, 2])]!) < 0.02)
    }

    /// Too few variants to measure departures from the model: the own means.
    @Test func smallSpacesUseTheOwnMeans() {
        var allocator = HalvingAllocator(choiceCounts: [2], groupSize: 8)
        for experience in 0..<4 {
            let rewards = [0.2, 0.6 + 0.01 * Double(experience)]
            allocator.record(
                [RolloutGroup(experience: experience, variants: [Variant([0]), Variant([1])], rewards: rewards)],
                rollouts: 2)
        }
        #expect(allocator.variantEstimates() == allocator.ownMeans())
    }
}
