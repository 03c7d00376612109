/// One rollout as the surrogate objective sees it: what was sampled, how much better than its group it did, and how
/// likely the sampling policy made it.
package struct SurrogateSample: Sendable, Hashable, Codable {
    /// The sampled variant `a_i`.
    package var variant: Variant
    /// The group-relative advantage `A_i`.
    package var advantage: Double
    /// `log π_old(a_i)` under the policy that sampled it.
    package var oldLogProbability: Double

    /// Creates a sample.
    package init(variant: Variant, advantage: Double, oldLogProbability: Double) {
        self.variant = variant
        self.advantage = advantage
        self.oldLogProbability = oldLogProbability
    }
}
