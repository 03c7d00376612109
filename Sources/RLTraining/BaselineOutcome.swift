/// The result of a search baseline: the variant it picks and what it spent.
package struct BaselineOutcome: Sendable, Hashable, Codable {
    /// The chosen variant (the best mean reward; ties go to the one evaluated first).
    package var variant: Variant
    /// The chosen variant's mean reward on the evaluation experiences.
    package var meanReward: Double
    /// Reward calls made.
    package var rollouts: Int
    /// Tokens reported by the reward function.
    package var tokens: Int
    /// Every variant evaluated, in evaluation order.
    package var evaluations: [VariantEvaluation]

    /// Creates an outcome.
    package init(variant: Variant, meanReward: Double, rollouts: Int, tokens: Int, evaluations: [VariantEvaluation]) {
        self.variant = variant
        self.meanReward = meanReward
        self.rollouts = rollouts
        self.tokens = tokens
        self.evaluations = evaluations
    }
}
