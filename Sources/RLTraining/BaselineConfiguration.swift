/// Settings shared by the search baselines, so they can be run under the same rollout budget as GRPO.
package struct BaselineConfiguration: Sendable, Hashable, Codable {
    /// The most reward calls a baseline may make. Default `512`.
    package var rolloutBudget: Int
    /// Experiences each variant is evaluated on (random search and the ranker's top-1; exhaustive search splits the
    /// budget instead). Default `16`.
    package var evaluationsPerVariant: Int
    /// The most reward calls in flight at once. Default `16`.
    package var maxConcurrentRollouts: Int
    /// The seed of the experience order and of random search's draws. Default `0`.
    package var seed: UInt64

    /// Creates a configuration; every argument has the documented default.
    package init(
        rolloutBudget: Int = 512,
        evaluationsPerVariant: Int = 16,
        maxConcurrentRollouts: Int = 16,
        seed: UInt64 = 0
    ) {
        self.rolloutBudget = rolloutBudget
        self.evaluationsPerVariant = evaluationsPerVariant
        self.maxConcurrentRollouts = maxConcurrentRollouts
        self.seed = seed
    }
}
