import Foundation

/// Filters shared by the store's queries.
package struct ExperienceQuery: Sendable, Hashable {
    /// Only interactions at or after this time (experiences without `created_at` are then left out). Default: none.
    package var since: Date?
    /// Only interactions before this time (experiences without `created_at` are then left out). Default: none.
    package var until: Date?
    /// Only interactions served by this prompt version. Default: any.
    package var promptID: String?
    /// At most this many results. Default: no limit.
    package var limit: Int?
    /// Reward below which an interaction without an explicit `success` is a failure. Default 0.5.
    package var failureThreshold: Double

    package init(
        since: Date? = nil,
        until: Date? = nil,
        promptID: String? = nil,
        limit: Int? = nil,
        failureThreshold: Double = Experience.defaultFailureThreshold
    ) {
        self.since = since
        self.until = until
        self.promptID = promptID
        self.limit = limit
        self.failureThreshold = failureThreshold
    }

    /// Whether `experience` passes the time and prompt filters (not the failure test).
    package func matches(_ experience: Experience) -> Bool {
        if let promptID, experience.promptID != promptID { return false }
        if self.since != nil || self.until != nil {
            guard let createdAt = experience.createdAt else { return false }
            if let since, createdAt < since { return false }
            if let until, createdAt >= until { return false }
        }
        return true
    }
}

/// Counts over the whole store.
package struct ExperienceStatistics: Sendable, Hashable, Codable {
    package var total: Int
    package var failures: Int
    /// Per prompt id (`"(none)"` when the log did not say): how many, and how many failed.
    package var byPromptID: [String: Count]
    /// Failures per failure type (`"(unlabelled)"` when the log did not say).
    package var failuresByType: [String: Int]

    package struct Count: Sendable, Hashable, Codable {
        package var total: Int
        package var failures: Int

        package init(total: Int, failures: Int) {
            self.total = total
            self.failures = failures
        }
    }

    package init(total: Int, failures: Int, byPromptID: [String: Count], failuresByType: [String: Int]) {
        self.total = total
        self.failures = failures
        self.byPromptID = byPromptID
        self.failuresByType = failuresByType
    }

    /// Key used for interactions without a prompt id.
    package static let noPromptID = "(none)"

    /// Whether any interaction is logged under `promptID`.
    package func hasInteractions(under promptID: String) -> Bool {
        (self.byPromptID[promptID]?.total ?? 0) > 0
    }

    /// The prompt ids interactions are logged under, for a message about one that has none: "logged: p_v1_1,
    /// p_v1_2" (the first ten, then "..."), or that the store has none with a prompt id.
    package var loggedPromptIDs: String {
        let logged = self.byPromptID.keys.filter { $0 != Self.noPromptID }.sorted()
        guard !logged.isEmpty else { return "the store holds no interactions with a prompt id" }
        return "logged: " + logged.prefix(10).joined(separator: ", ") + (logged.count > 10 ? ", ..." : "")
    }
    /// Key used for failures without a failure type.
    package static let unlabelled = "(unlabelled)"

    enum CodingKeys: String, CodingKey {
        case total, failures
        case byPromptID = "by_prompt_id"
        case failuresByType = "failures_by_type"
    }
}
