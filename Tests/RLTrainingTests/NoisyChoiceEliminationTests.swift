import Randomness
import Testing

@testable import RLTraining

/// The choice phase of ``HalvingAllocator`` under noisy rewards on a small plan (about one rollout per variant):
/// before its last round it drops only choices that are clearly worse (``HalvingAllocator/earlyDropClarity`` standard
/// errors), so noise alone does not cut the space, and the last round still cuts to `G` on all the phase's evidence.
struct NoisyChoiceEliminationTests {
    /// One step's groups over the survivors: every choice is worth nothing except `penalty`'s, plus Gaussian noise of
    /// sd 0.3 per rollout (as the benchmark's noisy scenarios add).
    static func recordRound(
        _ allocator: inout HalvingAllocator, seed: UInt64, penalty: (Variant) -> Double = { _ in 0 }
    ) {
        var rng = SplitMix64(seed: seed)
        for experience in 0..<8 {
            let variants = allocator.group(using: &rng)
            let rewards = variants.map { penalty($0) + 0.3 * rng.nextStandardNormal() }
            allocator.record([RolloutGroup(experience: experience, variants: variants, rewards: rewards)], rollouts: 8)
        }
    }

    /// 256 variants, five planned steps (two choice rounds), and rewards that are noise alone: over 20 seeds the first
    /// round keeps every choice in most and at least half the variants in all (the old rule cut to about 45 variants
    /// on the noise every time; here 16 seeds keep all, 3 drop one choice, 1 drops two), the second cuts to at most
    /// `G`.
    @Test func noiseAloneDropsLittleBeforeTheLastChoiceRound() {
        var keptAll = 0
        for seed in 1...20 as ClosedRange<UInt64> {
            var allocator = HalvingAllocator(
                choiceCounts: [4, 4, 4, 4], groupSize: 8, plannedSteps: 5, plannedRollouts: 320)
            Self.recordRound(&allocator, seed: seed)
            let first = allocator.endRound(totalRollouts: 64)
            #expect(first.variantsBefore == 256)
            #expect(first.variantsAfter >= 128, "seed \(seed)")
            keptAll += first.variantsAfter == 256 ? 1 : 0
            #expect(allocator.phase == .choices)
            Self.recordRound(&allocator, seed: seed + 100)
            let second = allocator.endRound(totalRollouts: 128)
            #expect(second.variantsAfter <= 8)
            #expect(allocator.phase == .variants)
        }
        #expect(keptAll >= 15, "kept every choice in \(keptAll) of 20 seeds")
    }

    /// A choice that costs a whole reward point stands out of the same noise: it goes in the first round, and only it.
    @Test func aClearlyWorseChoiceStillGoesEarly() {
        var allocator = HalvingAllocator(
            choiceCounts: [4, 4, 4, 4], groupSize: 8, plannedSteps: 5, plannedRollouts: 320)
        Self.recordRound(&allocator, seed: 7) { $0[2] == 1 ? -1 : 0 }
        let first = allocator.endRound(totalRollouts: 64)
        #expect(first.survivingChoices[2] == [0, 2, 3])
        #expect(first.variantsAfter == 192)
    }

    /// On a plan of 16 rollouts per variant or more the first round cuts towards its geometric target as before, noise
    /// or not, so the rollouts focus sooner; one rollout less and the same noise drops nothing.
    @Test func largerPlansStillCutEarly() {
        func firstRound(plannedRollouts: Int) -> AllocationDecision {
            var allocator = HalvingAllocator(
                choiceCounts: [4, 4, 4, 4], groupSize: 8, plannedSteps: 64, plannedRollouts: plannedRollouts)
            Self.recordRound(&allocator, seed: 1)
            return allocator.endRound(totalRollouts: 64)
        }
        #expect(firstRound(plannedRollouts: 16 * 256).variantsAfter < 256)
        #expect(firstRound(plannedRollouts: 16 * 256 - 1).variantsAfter == 256)
    }
}
