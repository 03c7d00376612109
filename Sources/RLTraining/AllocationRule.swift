import Experiences

/// How a GRPO run chooses the variants it samples.
package enum AllocationRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// GRPO as it was: every group samples `G` variants from the current policy for the whole budget, so a variant
    /// that is clearly worse keeps being sampled as long as the policy gives it mass.
    case policy
    /// Successive halving over the training steps: the planned rollouts are split into rounds; within a round every
    /// group samples the surviving choices evenly, and at its end the clearly worse are dropped: first per-cluster
    /// choices (the most clearly worse one at a time, shrinking the space geometrically over the rounds the budget
    /// allows; on a plan of under 16 rollouts per variant, before the phase's last round only choices 3 standard
    /// errors below their cluster's leader) until at most `G` variants are left, then the worse half of whole
    /// variants, all of them answering each experience (fully paired; a space of at most `2G` variants starts there).
    /// GRPO still updates the policy from every group; the run stops when one variant is left, and reports what each
    /// decision cost (``AllocationDecision``).
    case successiveHalving = "successive_halving"
}

extension AllocationRule: NamedCases {
    /// Decodes a rule by its raw value; an unknown one is an error that lists the accepted values, as the other
    /// request enums' are, not the synthesized one's Swift type name.
    package init(from decoder: any Decoder) throws {
        try self.init(namedCaseFrom: decoder)
    }
}
