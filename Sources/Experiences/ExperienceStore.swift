/// Where logged interactions live: the queries the pipeline stages need, and nothing else.
///
/// Implementations: ``InMemoryExperienceStore`` (tests, small runs) and the SQLite store on GRDB (the embedded
/// default). Every implementation passes the same conformance suite (`ExperienceStoreTesting`).
package protocol ExperienceStore: Sendable {
    /// Stores experiences whose ids are new and leaves existing ids untouched, so importing a file twice is harmless.
    /// - Returns: How many were inserted and how many ids were already present.
    func insert(_ experiences: [Experience]) async throws -> InsertSummary

    /// Failed interactions matching `query`, oldest first (ties by id), at most `query.limit`.
    func failures(_ query: ExperienceQuery) async throws -> [Experience]

    /// A seeded, uniformly random sample of at most `count` successful interactions matching `query`
    /// (its `limit` is ignored), in a deterministic order for the same seed and data.
    func sampleSuccesses(_ query: ExperienceQuery, count: Int, seed: UInt64) async throws -> [Experience]

    /// The experiences with these ids, in the order of `ids`; unknown ids are left out.
    func experiences(ids: [String]) async throws -> [Experience]

    /// Counts for `kaizen experiences stats`, and the logged prompt ids a command lists when a prompt has none.
    func statistics(failureThreshold: Double) async throws -> ExperienceStatistics
}

/// What ``ExperienceStore/insert(_:)`` did.
package struct InsertSummary: Sendable, Hashable, Codable {
    /// Experiences whose ids were new.
    package var inserted: Int
    /// Experiences whose ids the store already had (left unchanged).
    package var alreadyPresent: Int

    package init(inserted: Int, alreadyPresent: Int) {
        self.inserted = inserted
        self.alreadyPresent = alreadyPresent
    }
}
