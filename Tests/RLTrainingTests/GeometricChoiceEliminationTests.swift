import Randomness
import Testing

@testable import RLTraining

/// The choice phase of ``HalvingAllocator`` at small budgets: its rounds fit the planned steps, and a round drops only
/// as many choices as its share of the shrinking requires, the most clearly worse first, instead of halving every
/// cluster on early noisy means.
struct GeometricChoiceEliminationTests {
    /// One round of groups over 256 variants in which cluster 0's last choice and cluster 1's last two choices each
    /// cost a whole reward point; the other choices do not matter.
    static func recordedRound(_ allocator: inout HalvingAllocator) {
        var rng = SplitMix64(seed: 11)
        for experience in 0..<8 {
            let variants = allocator.group(using: &rng)
            let rewards = variants.map { ($0[0] == 3 ? -1.0 : 0) + ($0[1] >= 2 ? -1 : 0) }
            allocator.record([RolloutGroup(experience: experience, variants: variants, rewards: rewards)], rollouts: 8)
        }
    }

    @Test func aRoundDropsTheClearestChoicesOnlyAsFarAsItsShareRequires() {
        var allocator = HalvingAllocator(choiceCounts: [4, 4, 4, 4], groupSize: 8)
        #expect(allocator.roundsLeft == 8, "5 rounds to shrink 256 to 8 variants, 3 to halve those")
        #expect(allocator.sharesLeft == 5 + 2 * 3, "a variants round gets twice a choice round's steps")
        Self.recordedRound(&allocator)
        let decision = allocator.endRound(totalRollouts: 64)
        // 256 · (8 / 256)^(1/5) = 128: harmful choices go until at most 128 variants are left (the old rule halved
        // every cluster: 16); the choices that do not matter stay.
        #expect([96, 128].contains(decision.variantsAfter))
        #expect(decision.survivingChoices[1] == [0, 1])
        #expect(decision.survivingChoices[0].starts(with: [0, 1, 2]))
        #expect(decision.survivingChoices[2...].allSatisfy { $0 == [0, 1, 2, 3] })
        #expect(allocator.phase == .choices)
        #expect(allocator.roundsLeft == 7)
    }

    /// With five planned steps only two rounds go to the choices: the first round shrinks 256 variants to about 45,
    /// the second reaches at most 8, and three rounds are left for the variants.
    @Test func plannedStepsLimitTheChoiceRounds() {
        var allocator = HalvingAllocator(choiceCounts: [4, 4, 4, 4], groupSize: 8, plannedSteps: 5)
        #expect(allocator.roundsLeft == 5)
        Self.recordedRound(&allocator)
        let first = allocator.endRound(totalRollouts: 64)
        #expect(first.variantsAfter <= 45)
        #expect(first.variantsAfter > 8)
        #expect(!first.survivingChoices[0].contains(3))
        #expect(first.survivingChoices[1].allSatisfy { $0 < 2 })
        Self.recordedRound(&allocator)
        let second = allocator.endRound(totalRollouts: 128)
        #expect(second.variantsAfter <= 8)
        #expect(second.phase == .choices)
        #expect(allocator.phase == .variants)
        #expect(allocator.roundsLeft <= 3)
    }

    /// Rounds in which every variant of a group scored the same (a model that answered them all alike) leave every
    /// choice's evidence at exactly zero: the gap over its standard error was 0/0, NaN, which no threshold passes, so
    /// the last choice round cut nothing and the phase never reached the variants. A tie with no spread is a tie, and
    /// the forced cut still happens; on a small plan the early round drops nothing on it.
    @Test func roundsOfTiedRewardsStillReachTheVariantsPhase() {
        for plannedRollouts in [Int.max, 320] {
            var allocator = HalvingAllocator(
                choiceCounts: [4, 4, 4, 4], groupSize: 8, plannedSteps: 5, plannedRollouts: plannedRollouts)
            var rng = SplitMix64(seed: 3)
            for round in 0..<2 {
                for experience in 0..<8 {
                    let variants = allocator.group(using: &rng)
                    allocator.record(
                        [RolloutGroup(experience: experience, variants: variants, rewards: variants.map { _ in 0.8 })],
                        rollouts: 8)
                }
                let decision = allocator.endRound(totalRollouts: 64 * (round + 1))
                if round == 0 && plannedRollouts == 320 {
                    #expect(decision.variantsAfter == 256, "an early round on a small plan drops only clear losers")
                }
            }
            #expect(allocator.phase == .variants, "plan \(plannedRollouts)")
            #expect(allocator.survivorCount <= 8, "plan \(plannedRollouts)")
        }
    }

    /// Up to `2 · G` variants are compared whole from the start; one more and the choice phase comes first.
    @Test func spacesUpToTwiceTheGroupSizeAreComparedWhole() {
        let small = HalvingAllocator(choiceCounts: [3, 4], groupSize: 8, plannedSteps: 40)
        #expect(small.phase == .variants)
        #expect(small.roundsLeft == 4)
        var rng = SplitMix64(seed: 2)
        #expect(Set(small.group(using: &rng)).count == 12)
        let larger = HalvingAllocator(choiceCounts: [3, 3, 2], groupSize: 8, plannedSteps: 40, plannedRollouts: 320)
        #expect(larger.phase == .choices)
        #expect(larger.roundsLeft == 2 + 3)
    }

    /// A larger space is compared whole from the start when the plan gives every variant 8 rollouts in each of its
    /// halvings (27 variants: 5 halvings, 1,080 rollouts), and never beyond 64 variants.
    @Test func aPlanThatAffordsEveryVariantEightRolloutsPerHalvingComparesWholeVariants() {
        let tight = HalvingAllocator(choiceCounts: [3, 3, 3], groupSize: 8, plannedSteps: 40, plannedRollouts: 1079)
        #expect(tight.phase == .choices)
        let ample = HalvingAllocator(choiceCounts: [3, 3, 3], groupSize: 8, plannedSteps: 40, plannedRollouts: 1080)
        #expect(ample.phase == .variants)
        #expect(ample.survivorCount == 27)
        #expect(ample.roundsLeft == 5)
        let wide = HalvingAllocator(
            choiceCounts: [5, 5, 3], groupSize: 8, plannedSteps: 400, plannedRollouts: 1_000_000)
        #expect(wide.phase == .choices)
    }
}
