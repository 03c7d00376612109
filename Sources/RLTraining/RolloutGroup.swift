/// The `G` rollouts made for one experience in one step: the variants that were sampled and the rewards they got.
package struct RolloutGroup: Sendable, Hashable, Codable {
    /// The experience's index (as the reward function knows it).
    package var experience: Int
    /// The sampled variants, one per rollout.
    package var variants: [Variant]
    /// The rewards, aligned with `variants`.
    package var rewards: [Double]

    /// Creates a group.
    ///
    /// - Precondition: `variants` and `rewards` have the same length.
    package init(experience: Int, variants: [Variant], rewards: [Double]) {
        precondition(variants.count == rewards.count, "one reward per variant")
        self.experience = experience
        self.variants = variants
        self.rewards = rewards
    }
}
