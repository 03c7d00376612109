import Foundation
import Randomness

/// The state of successive halving over a factorised variant space (``AllocationRule/successiveHalving``): which
/// choices and variants are still sampled, the evidence of the current round, and the split of the remaining
/// rollouts over the rounds still to come.
///
/// Two phases (a space of at most `2 · groupSize` variants, or of at most 64 when the plan affords every variant
/// ``wholeVariantRolloutsPerRound`` rollouts per halving, starts in the second). While more than `groupSize`
/// variants survive, each group draws every cluster's surviving choices evenly (a fresh shuffle per group and
/// cluster, so the clusters vary independently) and each choice is scored by the mean group-relative advantage
/// `r − r̄` of the rollouts that used it. The choice phase has as many rounds as the planned steps allow (at most
/// `⌈log₂(S / groupSize)⌉`, leaving `⌈log₂ groupSize⌉` for the variants), and each round shrinks the variant count
/// geometrically towards `groupSize` by dropping one choice at a time, always the one most clearly below its
/// cluster's leader (largest gap over its standard error): early noisy means drop only what they are sure of, and a
/// cluster whose choices barely differ keeps them for the paired comparison. When the plan gives fewer than
/// ``clearDropRolloutsPerVariant`` rollouts per variant, a round before the phase's last drops only choices at least
/// ``earlyDropClarity`` standard errors below their leader (possibly none), and the last round cuts to `groupSize` on
/// all the phase's evidence. Then every group is all surviving variants on one experience (paired), and each round
/// halves them by ``variantEstimates()``: each variant's own mean advantage over the run, which sees interactions
/// between clusters, shrunk towards what its choices predict from every rollout of the run, both phases'.
struct HalvingAllocator: Sendable {
    /// The choices still sampled per cluster.
    private(set) var alive: [[Int]]
    /// In the variants phase, the variants still sampled.
    private(set) var aliveVariants: [Variant]?
    let groupSize: Int
    /// The rollouts made in this round so far.
    private(set) var roundRollouts: Int = 0
    private(set) var round = 1
    private var choiceEvidence: [[Evidence]]
    /// The evidence per variant and round, both phases', for ``variantEstimates()``.
    private(set) var roundEvidence: [RoundCell: Evidence] = [:]
    /// The choice phase's rounds still to come, including the current one.
    private var choiceRoundsLeft: Int

    /// Whether a choice round before the phase's last drops only clearly worse choices (``earlyDropClarity``).
    private let dropsOnlyClearChoicesEarly: Bool

    /// How many standard errors a choice must lie below its cluster's leader to be dropped before the choice phase's
    /// last round, on a small plan. With about one rollout per variant (256 variants at 320 rollouts) a round's
    /// per-choice means rest on a dozen rollouts each; cutting to the geometric target on them dropped the best
    /// choice on noise (sd 0.3 per rollout: median regret 0.098 against 0.050 for halving over whole variants).
    /// Measured at 2, 2.5 and 3: 3 lost least on the noiseless 256- and 300-variant spaces (Benchmarks/README.md,
    /// "Noisy and large spaces").
    static let earlyDropClarity = 3.0

    /// The planned rollouts per variant below which early choice rounds drop only clearly worse choices. On larger
    /// plans the geometric cut focuses the rollouts sooner (`SuccessiveHalvingTests`: 60 variants, 960 rollouts).
    /// Raised from 8: at about 11 per variant (27-30 variants, 320 rollouts) the geometric cut after one step of
    /// per-choice means dropped the best choice on noise; on seeds the benchmark's table never used (1001-1200) the
    /// trainer found the best 103 → 111, 160 → 172 and 67 → 78 times of 200 (abstention-trade-off, mid-30, noisy
    /// mid-30; Benchmarks/README.md, "Clear drops below 16 rollouts per variant").
    static let clearDropRolloutsPerVariant = 16

    /// The rollouts per variant and halving round at which a space is compared as whole variants from the start
    /// instead of first by per-cluster means.
    static let wholeVariantRolloutsPerRound = 8

    /// The most variants compared whole from the start (one group holds them all), whatever the plan.
    static let largestWholeGroup = 64

    /// Running sums of advantages.
    struct Evidence: Sendable {
        var count = 0
        var sum = 0.0
        var sumOfSquares = 0.0

        mutating func add(_ value: Double) {
            self.count += 1
            self.sum += value
            self.sumOfSquares += value * value
        }

        var mean: Double { self.count == 0 ? 0 : self.sum / Double(self.count) }

        /// The squared standard error of the mean (a single observation counts as very uncertain).
        var meanVariance: Double {
            guard self.count > 1 else { return 1 }
            let variance = max(0, (self.sumOfSquares - self.sum * self.mean) / Double(self.count - 1))
            return variance / Double(self.count)
        }
    }

    /// - Parameters:
    ///   - plannedSteps: the steps the run may take; the choice phase gets the rounds the variants phase does not
    ///     need, at least one.
    ///   - plannedRollouts: the rollouts the run may make; below ``clearDropRolloutsPerVariant`` per variant, early
    ///     choice rounds drop only clearly worse choices.
    init(choiceCounts: [Int], groupSize: Int, plannedSteps: Int = .max, plannedRollouts: Int = .max) {
        precondition(choiceCounts.allSatisfy { $0 >= 1 }, "every cluster has at least the no-patch choice")
        self.alive = choiceCounts.map { Array(0..<$0) }
        self.groupSize = groupSize
        self.choiceEvidence = choiceCounts.map { [Evidence](repeating: Evidence(), count: $0) }
        let space = Self.product(choiceCounts)
        let halvings = Self.log2Ceiling(space / groupSize + (space % groupSize == 0 ? 0 : 1))
        let available = plannedSteps == .max ? halvings : plannedSteps - Self.log2Ceiling(groupSize)
        self.choiceRoundsLeft = max(1, min(halvings, available))
        self.dropsOnlyClearChoicesEarly =
            Double(plannedRollouts) < Double(Self.clearDropRolloutsPerVariant) * Double(space)
        // Up to `2 · groupSize` variants are compared whole from the start: on so few, the per-cluster means are
        // noisier than the paired comparison of whole variants, at groups of at most twice the usual size. So is a
        // larger space when the plan gives every variant ``wholeVariantRolloutsPerRound`` rollouts in each of the
        // `⌈log₂ S⌉` halvings: per-cluster means then only add their blindness to interactions between clusters.
        let rounds = Self.log2Ceiling(space)
        let wholeAffordable =
            space <= Self.largestWholeGroup
            && Double(plannedRollouts) >= Double(Self.wholeVariantRolloutsPerRound) * Double(space) * Double(rounds)
        if space <= 2 * groupSize || wholeAffordable { self.enterVariantsPhase() }
    }

    /// How many variants are still sampled.
    var survivorCount: Int {
        if let variants = self.aliveVariants { return variants.count }
        return self.alive.reduce(1) { $0.multipliedReportingOverflow(by: $1.count).overflow ? Int.max : $0 * $1.count }
    }

    /// Whether one variant is left.
    var isDecided: Bool { self.survivorCount == 1 }

    var phase: AllocationDecision.Phase { self.aliveVariants == nil ? .choices : .variants }

    /// The rollouts one group costs now.
    var currentGroupSize: Int { self.aliveVariants?.count ?? self.groupSize }

    /// The rounds still to come, including the current one: the choice phase's planned rounds, then `⌈log₂ S⌉`
    /// rounds over whole variants (at most `groupSize` of them).
    var roundsLeft: Int {
        if let variants = self.aliveVariants { return Self.log2Ceiling(variants.count) }
        return self.choiceRoundsLeft + Self.log2Ceiling(self.groupSize)
    }

    /// A round's weight in the split of the steps: a variants round counts twice, since its decision between whole
    /// variants that all survived the choice phase is the closest, and the last one picks the result.
    var roundShare: Int { self.aliveVariants == nil ? 1 : 2 }

    /// The weights of the rounds still to come, including the current one (see ``roundShare``).
    var sharesLeft: Int {
        if let variants = self.aliveVariants { return 2 * Self.log2Ceiling(variants.count) }
        return self.choiceRoundsLeft + 2 * Self.log2Ceiling(self.groupSize)
    }

    /// The variants of one group: all survivors in the variants phase; otherwise, per cluster, its survivors in a
    /// fresh random order repeated to fill `groupSize` slots.
    func group(using rng: inout some RandomNumberGenerator) -> [Variant] {
        if let variants = self.aliveVariants { return variants }
        var slots = [[Int]](repeating: [], count: self.groupSize)
        for choices in self.alive {
            var order = choices
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(rng.next(upperBound: UInt64(index + 1))))
            }
            for slot in slots.indices { slots[slot].append(order[slot % order.count]) }
        }
        return slots.map(Variant.init)
    }

    /// Adds a step's groups to the round's evidence.
    mutating func record(_ groups: [RolloutGroup], rollouts: Int) {
        self.roundRollouts += rollouts
        for group in groups where group.rewards.count > 1 {
            let mean = Statistics.mean(group.rewards)
            for (variant, reward) in zip(group.variants, group.rewards) {
                let advantage = reward - mean
                self.roundEvidence[RoundCell(variant: variant, round: self.round), default: Evidence()].add(advantage)
                if self.aliveVariants == nil {
                    for cluster in self.alive.indices { self.choiceEvidence[cluster][variant[cluster]].add(advantage) }
                }
            }
        }
    }

    /// Ends the round: drops the worse half (of the clearest clusters' choices, or of the variants) and returns the
    /// decision. Evidence is kept across rounds (the choices' within their phase).
    mutating func endRound(totalRollouts: Int) -> AllocationDecision {
        let before = self.survivorCount
        let phase = self.phase
        if var variants = self.aliveVariants {
            // Best estimate first; ties keep the earlier variant (fewer patches come first).
            let estimates = self.variantEstimates()
            variants = variants.enumerated().sorted { lhs, rhs in
                let left = estimates[lhs.element] ?? 0
                let right = estimates[rhs.element] ?? 0
                return left != right ? left > right : lhs.offset < rhs.offset
            }.map(\.element)
            let kept = Array(variants.prefix((variants.count + 1) / 2))
            self.aliveVariants = kept
            self.alive = self.alive.indices.map { cluster in Set(kept.map { $0[cluster] }).sorted() }
        } else {
            // Shrink geometrically so that the phase's last round reaches `groupSize`; at least one choice goes, except
            // before the last round of a small plan, which drops only the clearly worse (possibly none).
            let shrink = Foundation.pow(Double(self.groupSize) / Double(before), 1 / Double(self.choiceRoundsLeft))
            let target = min(before - 1, max(self.groupSize, Int((Double(before) * shrink).rounded())))
            let early = self.choiceRoundsLeft > 1 && self.dropsOnlyClearChoicesEarly
            let needed = early ? Self.earlyDropClarity : -Double.infinity
            while self.survivorCount > target, let worst = self.mostClearlyWorseChoice(), worst.clarity >= needed {
                self.alive[worst.cluster].removeAll { $0 == worst.choice }
            }
            self.choiceRoundsLeft = max(1, self.choiceRoundsLeft - 1)
            if self.survivorCount <= self.groupSize { self.enterVariantsPhase() }
        }
        let decision = AllocationDecision(
            round: self.round, phase: phase, rollouts: self.roundRollouts, totalRollouts: totalRollouts,
            survivingChoices: self.alive, survivingVariants: self.aliveVariants ?? [], variantsBefore: before,
            variantsAfter: self.survivorCount)
        self.round += 1
        self.roundRollouts = 0
        return decision
    }

    /// The best surviving variant by the evidence so far (the decided one once a single variant is left).
    var leader: Variant {
        if let variants = self.aliveVariants {
            let estimates = self.variantEstimates()
            var best = variants[0]
            for variant in variants.dropFirst() where (estimates[variant] ?? 0) > (estimates[best] ?? 0) {
                best = variant
            }
            return best
        }
        return Variant(self.alive.indices.map { self.rankedChoices(cluster: $0)[0] })
    }

    /// A cluster's surviving choices, best mean advantage first (ties: the lower index, so "no patch" first).
    private func rankedChoices(cluster: Int) -> [Int] {
        self.alive[cluster].sorted { lhs, rhs in
            let left = self.choiceEvidence[cluster][lhs].mean
            let right = self.choiceEvidence[cluster][rhs].mean
            return left != right ? left > right : lhs < rhs
        }
    }

    /// The surviving choice that is most clearly worse than its cluster's leader: per cluster with a choice to spare,
    /// its worst choice, scored by the gap to the leader over the gap's standard error (its `clarity`); ties go to the
    /// earlier cluster. `nil` when every cluster is down to one choice.
    private func mostClearlyWorseChoice() -> (cluster: Int, choice: Int, clarity: Double)? {
        var best: (cluster: Int, choice: Int, clarity: Double)?
        for cluster in self.alive.indices where self.alive[cluster].count > 1 {
            let ranked = self.rankedChoices(cluster: cluster)
            let leader = self.choiceEvidence[cluster][ranked[0]]
            let worst = self.choiceEvidence[cluster][ranked[ranked.count - 1]]
            let gap = leader.mean - worst.mean
            let spread = (leader.meanVariance + worst.meanVariance).squareRoot()
            // Two choices whose rewards never varied: a gap is certain, none is a tie. 0/0 was NaN, which no
            // comparison passes, so one such cluster stopped every drop, the last round's forced cut included.
            let clarity = spread > 0 ? gap / spread : gap > 0 ? Double.infinity : 0
            if best.map({ clarity > $0.clarity }) ?? true { best = (cluster, ranked[ranked.count - 1], clarity) }
        }
        return best
    }

    private mutating func enterVariantsPhase() {
        self.aliveVariants = self.alive.reduce([[Int]()]) { prefixes, choices in
            prefixes.flatMap { prefix in choices.map { prefix + [$0] } }
        }.map(Variant.init)
    }

    private static func product(_ sizes: [Int]) -> Int {
        sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
    }

    private static func log2Ceiling(_ count: Int) -> Int {
        var rounds = 0
        var left = count
        while left > 1 {
            left = (left + 1) / 2
            rounds += 1
        }
        return rounds
    }
}
