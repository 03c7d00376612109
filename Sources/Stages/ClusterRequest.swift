import Experiences
import FailureClustering
import Foundation

/// `POST /api/v1/cluster`: which failures to pull, and how to cluster them.
///
/// Filters: `since`, `until` (RFC 3339), `prompt_id`, `limit`, `failure_threshold`. Clustering: the
/// ``FailureClusterer/Configuration`` keys at the top level (`encoding`, `topic_weight`, `k`, `k_range`, `seed`,
/// `representatives`, `text`,
/// `top_terms`, `n_init`, `max_iter`, `tol`, `vectorizer`, ...).
package struct ClusterRequest: Sendable, Hashable, Codable {
    package var since: Date?
    package var until: Date?
    package var promptID: String?
    /// At most this many failures (oldest first). Default 10,000.
    package var limit: Int
    /// Reward below which an experience without `success` is a failure. Default 0.5.
    package var failureThreshold: Double
    package var configuration: FailureClusterer.Configuration

    package static let defaultLimit = 10_000

    package init(
        since: Date? = nil, until: Date? = nil, promptID: String? = nil, limit: Int = Self.defaultLimit,
        failureThreshold: Double = Experience.defaultFailureThreshold,
        configuration: FailureClusterer.Configuration = FailureClusterer.Configuration()
    ) {
        self.since = since
        self.until = until
        self.promptID = promptID
        self.limit = limit
        self.failureThreshold = failureThreshold
        self.configuration = configuration
    }

    enum CodingKeys: String, CodingKey {
        case since, until
        case promptID = "prompt_id"
        case limit
        case failureThreshold = "failure_threshold"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.since = try Self.date(container, .since)
        self.until = try Self.date(container, .until)
        self.promptID = try container.decodeIfPresent(String.self, forKey: .promptID)
        self.limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? Self.defaultLimit
        self.failureThreshold =
            try container.decodeIfPresent(Double.self, forKey: .failureThreshold) ?? Experience.defaultFailureThreshold
        self.configuration = try FailureClusterer.Configuration(from: decoder)
    }

    package func encode(to encoder: any Encoder) throws {
        try self.configuration.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.since.map(RFC3339.string(from:)), forKey: .since)
        try container.encodeIfPresent(self.until.map(RFC3339.string(from:)), forKey: .until)
        try container.encodeIfPresent(self.promptID, forKey: .promptID)
        try container.encode(self.limit, forKey: .limit)
        try container.encode(self.failureThreshold, forKey: .failureThreshold)
    }

    private static func date(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = RFC3339.date(from: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an RFC 3339 timestamp: '\(text.echoed())'")
        }
        return date
    }

    /// The store query these filters describe.
    var query: ExperienceQuery {
        ExperienceQuery(
            since: self.since, until: self.until, promptID: self.promptID, limit: self.limit,
            failureThreshold: self.failureThreshold)
    }
}
