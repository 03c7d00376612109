/// One elimination of an adaptive run (``AllocationRule/successiveHalving``): what was still sampled afterwards and
/// the rollouts the decision cost.
package struct AllocationDecision: Sendable, Hashable, Codable {
    /// What was compared: per-cluster choices, or whole variants.
    package enum Phase: String, Sendable, Hashable, Codable {
        case choices, variants
    }

    /// The round's number, from 1.
    package var round: Int
    package var phase: Phase
    /// The rollouts of this round: what the decision cost.
    package var rollouts: Int
    /// The rollouts of the run up to and including this decision.
    package var totalRollouts: Int
    /// Per cluster, the choices still sampled after the decision (`0` = no patch).
    package var survivingChoices: [[Int]]
    /// In the `variants` phase, the variants still sampled after the decision; empty in the `choices` phase.
    package var survivingVariants: [Variant]
    /// How many variants were still sampled before and after the decision.
    package var variantsBefore: Int
    package var variantsAfter: Int

    package init(
        round: Int, phase: Phase, rollouts: Int, totalRollouts: Int, survivingChoices: [[Int]],
        survivingVariants: [Variant], variantsBefore: Int, variantsAfter: Int
    ) {
        self.round = round
        self.phase = phase
        self.rollouts = rollouts
        self.totalRollouts = totalRollouts
        self.survivingChoices = survivingChoices
        self.survivingVariants = survivingVariants
        self.variantsBefore = variantsBefore
        self.variantsAfter = variantsAfter
    }

    enum CodingKeys: String, CodingKey {
        case round, phase, rollouts
        case totalRollouts = "total_rollouts"
        case survivingChoices = "surviving_choices"
        case survivingVariants = "surviving_variants"
        case variantsBefore = "variants_before"
        case variantsAfter = "variants_after"
    }
}
