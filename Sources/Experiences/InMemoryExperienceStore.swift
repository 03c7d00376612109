/// An experience store in memory: for tests and for runs that need no file.
package actor InMemoryExperienceStore: ExperienceStore {
    private var byID: [String: Experience] = [:]

    package init(_ experiences: [Experience] = []) {
        for experience in experiences where self.byID[experience.id] == nil {
            self.byID[experience.id] = experience
        }
    }

    package func insert(_ experiences: [Experience]) -> InsertSummary {
        var summary = InsertSummary(inserted: 0, alreadyPresent: 0)
        for experience in experiences {
            if self.byID[experience.id] == nil {
                self.byID[experience.id] = experience
                summary.inserted += 1
            } else {
                summary.alreadyPresent += 1
            }
        }
        return summary
    }

    package func failures(_ query: ExperienceQuery) -> [Experience] {
        let matching = self.byID.values
            .filter { query.matches($0) && $0.isFailure(threshold: query.failureThreshold) }
            .sorted(by: Self.chronological)
        return query.limit.map { Array(matching.prefix(max($0, 0))) } ?? matching
    }

    package func sampleSuccesses(_ query: ExperienceQuery, count: Int, seed: UInt64) -> [Experience] {
        let ids = self.byID.values
            .filter { query.matches($0) && !$0.isFailure(threshold: query.failureThreshold) }
            .map(\.id)
        return SuccessSampling.sample(ids, count: count, seed: seed).compactMap { self.byID[$0] }
    }

    package func experiences(ids: [String]) -> [Experience] {
        ids.compactMap { self.byID[$0] }
    }

    package func statistics(failureThreshold: Double) -> ExperienceStatistics {
        var statistics = ExperienceStatistics(total: 0, failures: 0, byPromptID: [:], failuresByType: [:])
        for experience in self.byID.values {
            let failed = experience.isFailure(threshold: failureThreshold)
            statistics.total += 1
            let promptKey = experience.promptID ?? ExperienceStatistics.noPromptID
            statistics.byPromptID[promptKey, default: .init(total: 0, failures: 0)].total += 1
            if failed {
                statistics.failures += 1
                statistics.byPromptID[promptKey]?.failures += 1
                statistics.failuresByType[experience.failureType ?? ExperienceStatistics.unlabelled, default: 0] += 1
            }
        }
        return statistics
    }

    /// Oldest first; experiences without a timestamp first; ties by id.
    private static func chronological(_ lhs: Experience, _ rhs: Experience) -> Bool {
        switch (lhs.createdAt, rhs.createdAt) {
        case (nil, nil): return lhs.id < rhs.id
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?): return left == right ? lhs.id < rhs.id : left < right
        }
    }
}
