import Foundation
import Randomness

/// The state of successive halving over a factorised variant space (``AllocationRule/successiveHalving``): which
/// choices and variants are still sampled, the evidence of the current round, and the split of the remaining
/// rollouts over the rounds still to come.
///
/// Two phases. While more than `groupSize` variants survive, each group draws every cluster's surviving choices
/// evenly (a fresh shuffle per group and cluster, so the clusters vary independently), each choice is scored by the
/// mean group-relative advantage `r − r̄` of the rollouts that used it, and at the end of a round the clusters whose
/// halving is clearest (largest gap over its standard error) drop their worse half until at most `groupSize`
/// variants are left. Then every group is all surviving variants on one experience (paired), and each round halves
/// them by mean advantage, which also sees interactions between clusters. The trainer gives the rounds equal shares
/// of the steps left, so later rounds, with fewer survivors, give each one more rollouts.
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
    private var variantEvidence: [Variant: Evidence] = [:]

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

    init(choiceCounts: [Int], groupSize: Int) {
        precondition(choiceCounts.allSatisfy { $0 >= 1 }, "every cluster has at least the no-patch choice")
        self.alive = choiceCounts.map { Array(0..<$0) }
        self.groupSize = groupSize
        self.choiceEvidence = choiceCounts.map { [Evidence](repeating: Evidence(), count: $0) }
        if self.survivorCount <= groupSize { self.enterVariantsPhase() }
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

    /// The rounds still to come, including the current one: halving per cluster (largest first) while more than
    /// `groupSize` variants survive, then `⌈log₂ S⌉` rounds over whole variants.
    var roundsLeft: Int {
        if let variants = self.aliveVariants { return Self.log2Ceiling(variants.count) }
        var sizes = self.alive.map(\.count)
        var rounds = 0
        while Self.product(sizes) > self.groupSize {
            rounds += 1
            for index in sizes.indices.sorted(by: { sizes[$0] > sizes[$1] }) where sizes[index] > 1 {
                sizes[index] = (sizes[index] + 1) / 2
                if Self.product(sizes) <= self.groupSize { break }
            }
        }
        return rounds + Self.log2Ceiling(Self.product(sizes))
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
                if self.aliveVariants != nil {
                    self.variantEvidence[variant, default: Evidence()].add(advantage)
                } else {
                    for cluster in self.alive.indices { self.choiceEvidence[cluster][variant[cluster]].add(advantage) }
                }
            }
        }
    }

    /// Ends the round: drops the worse half (of the clearest clusters' choices, or of the variants) and returns the
    /// decision. Evidence is kept across rounds within a phase.
    mutating func endRound(totalRollouts: Int) -> AllocationDecision {
        let before = self.survivorCount
        let phase = self.phase
        if var variants = self.aliveVariants {
            // Best mean advantage first; ties keep the earlier variant (fewer patches come first).
            variants = variants.enumerated().sorted { lhs, rhs in
                let left = self.variantEvidence[lhs.element]?.mean ?? 0
                let right = self.variantEvidence[rhs.element]?.mean ?? 0
                return left != right ? left > right : lhs.offset < rhs.offset
            }.map(\.element)
            let kept = Array(variants.prefix((variants.count + 1) / 2))
            self.aliveVariants = kept
            self.alive = self.alive.indices.map { cluster in Set(kept.map { $0[cluster] }).sorted() }
        } else {
            let ranked = self.alive.indices.map { self.rankedChoices(cluster: $0) }
            let order = self.alive.indices.filter { self.alive[$0].count > 1 }.sorted { lhs, rhs in
                let left = self.clarity(ranked[lhs], cluster: lhs)
                let right = self.clarity(ranked[rhs], cluster: rhs)
                return left != right ? left > right : lhs < rhs
            }
            for cluster in order {
                let keep = (ranked[cluster].count + 1) / 2
                self.alive[cluster] = Array(ranked[cluster].prefix(keep)).sorted()
                if self.survivorCount <= self.groupSize { break }
            }
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
            var best = variants[0]
            for variant in variants.dropFirst()
            where (self.variantEvidence[variant]?.mean ?? 0) > (self.variantEvidence[best]?.mean ?? 0) {
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

    /// How clear a cluster's halving is: the gap between the worst kept and the best dropped choice over its
    /// standard error.
    private func clarity(_ ranked: [Int], cluster: Int) -> Double {
        let keep = (ranked.count + 1) / 2
        let kept = self.choiceEvidence[cluster][ranked[keep - 1]]
        let dropped = self.choiceEvidence[cluster][ranked[keep]]
        return (kept.mean - dropped.mean) / (kept.meanVariance + dropped.meanVariance).squareRoot()
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
