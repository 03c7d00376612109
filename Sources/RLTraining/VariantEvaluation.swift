/// One variant's measured mean reward over a set of experiences.
package struct VariantEvaluation: Sendable, Hashable, Codable {
    /// The variant.
    package var variant: Variant
    /// Its mean reward over the experiences it was run on.
    package var meanReward: Double
    /// The reward calls spent on it.
    package var rollouts: Int

    /// Creates an evaluation.
    package init(variant: Variant, meanReward: Double, rollouts: Int) {
        self.variant = variant
        self.meanReward = meanReward
        self.rollouts = rollouts
    }
}
