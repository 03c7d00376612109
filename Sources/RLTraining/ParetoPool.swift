/// The variants that are best somewhere (GEPA's Pareto pool): each variant's mean reward on each experience group
/// (one group per targeted cluster's failures, one for the experiences of no cluster), and the variants no other
/// variant beats everywhere.
///
/// A variant is in the pool while no other variant with a measured mean on every group it has one on is at least as
/// good on each of them and better on one. Means count only groups with at least `minimumRollouts` rollouts, so one
/// lucky answer does not make a variant a member. Evolution takes its parents from the pool, so a variant that wins
/// on one cluster keeps being evolved from even when another wins on average.
package struct ParetoPool: Sendable {
    /// Running figures of one variant on one group.
    struct Record: Sendable, Hashable {
        var rollouts = 0
        var rewardSum = 0.0
        var failingRollouts = 0
        var findings: [String: Int] = [:]
        /// The experience indices of the first few failing rollouts (``ParetoPool/failingExampleLimit``), the
        /// examples a reflective proposal quotes.
        var failingExamples: [Int] = []

        var meanReward: Double { self.rollouts == 0 ? 0 : self.rewardSum / Double(self.rollouts) }
    }

    /// Groups: one per cluster, then the experiences of no cluster.
    let groupCount: Int
    let minimumRollouts: Int
    private(set) var records: [Variant: [Record]] = [:]

    init(clusterCount: Int, minimumRollouts: Int) {
        self.groupCount = clusterCount + 1
        self.minimumRollouts = minimumRollouts
    }

    /// How many failing rollouts' experience indices a record keeps per group.
    static let failingExampleLimit = 4

    /// Adds one answered rollout of `variant` on experience `index` of `cluster` (`nil`: of no cluster). A rollout
    /// with findings is a failing one.
    mutating func record(_ variant: Variant, cluster: Int?, index: Int, sample: RewardSample) {
        let group = cluster ?? self.groupCount - 1
        var records = self.records[variant] ?? [Record](repeating: Record(), count: self.groupCount)
        records[group].rollouts += 1
        records[group].rewardSum += sample.reward
        if !sample.findings.isEmpty {
            records[group].failingRollouts += 1
            for finding in sample.findings { records[group].findings[finding, default: 0] += 1 }
            if records[group].failingExamples.count < Self.failingExampleLimit {
                records[group].failingExamples.append(index)
            }
        }
        self.records[variant] = records
    }

    /// `variant`'s figures on `cluster`'s experiences.
    func record(of variant: Variant, cluster: Int) -> Record {
        self.records[variant]?[cluster] ?? Record()
    }

    /// The pool, in a fixed order (by choices), so a run does not depend on hashing.
    ///
    /// - Complexity: O(V² · groups) for V measured variants.
    var members: [Variant] {
        let measured = self.records.compactMap { variant, records -> (Variant, [Double?])? in
            let means = records.map { $0.rollouts >= self.minimumRollouts ? $0.meanReward : nil }
            return means.contains { $0 != nil } ? (variant, means) : nil
        }
        return measured.filter { candidate in
            !measured.contains { other in other.0 != candidate.0 && Self.dominates(other.1, candidate.1) }
        }.map(\.0).sorted { $0.choices.lexicographicallyPrecedes($1.choices) }
    }

    /// The members measured on `cluster`'s experiences, highest mean there first (ties: the pool's order).
    func ranked(on cluster: Int, among members: [Variant]) -> [Variant] {
        members.filter { self.record(of: $0, cluster: cluster).rollouts >= self.minimumRollouts }
            .enumerated().sorted { lhs, rhs in
                let left = self.record(of: lhs.element, cluster: cluster).meanReward
                let right = self.record(of: rhs.element, cluster: cluster).meanReward
                return left != right ? left > right : lhs.offset < rhs.offset
            }.map(\.element)
    }

    /// Whether `lhs` is measured wherever `rhs` is, at least as good there, and better somewhere.
    private static func dominates(_ lhs: [Double?], _ rhs: [Double?]) -> Bool {
        var better = false
        for (left, right) in zip(lhs, rhs) {
            guard let right else { continue }
            guard let left, left >= right else { return false }
            if left > right { better = true }
        }
        return better
    }
}
