import Experiences

/// A failure cluster as the patch generator and ranker read it: the clustering stage's JSON for one cluster.
///
/// JSON (snake_case): `{"cluster_id", "size", "share", "severity", "top_terms": [{"term", "weight"}], "label",
/// "failure_types": {"hallucination": 12}, "representatives": [...], "member_ids": [...]}`. Unknown keys (such as
/// `mean_reward`) are ignored, so a cluster can be passed inline exactly as the clustering service returned it.
/// `failure_types` is also accepted as a list of `{"failure_type", "count"}` objects, and every field except
/// `cluster_id` may be missing (numbers default to 0, lists to empty); ``PatchGenerator`` rejects a cluster with
/// nothing in it.
package struct ClusterEvidence: Sendable, Hashable, Codable {
    /// `cluster_1`, `cluster_2`, ...
    package var clusterID: String
    /// Number of member failures.
    package var size: Int
    /// The cluster's share of all failures clustered (0...1).
    package var share: Double
    /// How much reward is lost in the cluster (0...1).
    package var severity: Double
    /// The heaviest centroid terms, heaviest first.
    package var topTerms: [ClusterTerm]
    /// A short readable label.
    package var label: String
    /// Member counts per online `failure_type` label.
    package var failureTypes: [String: Int]
    /// The members closest to the centroid, closest first.
    package var representatives: [ClusterRepresentative]
    /// Every member's id.
    package var memberIDs: [String]

    /// Creates a cluster.
    package init(
        clusterID: String,
        size: Int,
        share: Double = 0,
        severity: Double = 0,
        topTerms: [ClusterTerm] = [],
        label: String = "",
        failureTypes: [String: Int] = [:],
        representatives: [ClusterRepresentative] = [],
        memberIDs: [String] = []
    ) {
        self.clusterID = clusterID
        self.size = size
        self.share = share
        self.severity = severity
        self.topTerms = topTerms
        self.label = label
        self.failureTypes = failureTypes
        self.representatives = representatives
        self.memberIDs = memberIDs
    }

    /// Whether the cluster has nothing to learn from: size 0, or neither representatives nor member ids.
    package var isEmpty: Bool {
        self.size <= 0 || (self.representatives.isEmpty && self.memberIDs.isEmpty)
    }

    /// The failure-type labels, most frequent first (ties alphabetically).
    package var sortedFailureTypes: [(label: String, count: Int)] {
        self.failureTypes.map { (label: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }

    enum CodingKeys: String, CodingKey {
        case clusterID = "cluster_id"
        case size, share, severity
        case topTerms = "top_terms"
        case label
        case failureTypes = "failure_types"
        case representatives
        case memberIDs = "member_ids"
    }

    /// Counts by label from `(label, count)` pairs, a label listed twice having its counts added.
    ///
    /// - Throws: ``CountOverflow`` naming a label whose counts add up past `Int.max` (refused, not a crash).
    static func summedCounts(_ pairs: [(label: String, count: Int)]) throws(CountOverflow) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (label, count) in pairs {
            let (sum, overflow) = counts[label, default: 0].addingReportingOverflow(count)
            guard !overflow else { throw CountOverflow(label: label) }
            counts[label] = sum
        }
        return counts
    }

    /// A label whose counts add up past `Int.max`.
    struct CountOverflow: Error {
        var label: String
    }

    private struct LabelCount: Decodable {
        var failureType: String
        var count: Int

        enum CodingKeys: String, CodingKey {
            case failureType = "failure_type"
            case count
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.clusterID = try container.decode(String.self, forKey: .clusterID)
        let size = try container.decodeIfPresent(Int.self, forKey: .size)
        self.share = try container.decodeIfPresent(Double.self, forKey: .share) ?? 0
        self.severity = try container.decodeIfPresent(Double.self, forKey: .severity) ?? 0
        self.topTerms = try container.decodeIfPresent([ClusterTerm].self, forKey: .topTerms) ?? []
        self.label = try container.decodeIfPresent(String.self, forKey: .label) ?? ""
        if let counts = try? container.decodeIfPresent([String: Int].self, forKey: .failureTypes) {
            self.failureTypes = counts
        } else if let list = try container.decodeIfPresent([LabelCount].self, forKey: .failureTypes) {
            do {
                self.failureTypes = try Self.summedCounts(list.map { ($0.failureType, $0.count) })
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .failureTypes, in: container,
                    debugDescription: "the counts of '\(error.label.echoed())' add up past \(Int.max)")
            }
        } else {
            self.failureTypes = [:]
        }
        self.representatives =
            try container.decodeIfPresent([ClusterRepresentative].self, forKey: .representatives)
            ?? []
        self.memberIDs = try container.decodeIfPresent([String].self, forKey: .memberIDs) ?? []
        // `size` is optional in the schema: without it the cluster is as large as what it lists (it was 0, and the
        // cluster was refused as empty although it listed members).
        self.size = size ?? max(Set(self.memberIDs).count, self.representatives.count)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.clusterID, forKey: .clusterID)
        try container.encode(self.size, forKey: .size)
        try container.encode(self.share, forKey: .share)
        try container.encode(self.severity, forKey: .severity)
        try container.encode(self.topTerms, forKey: .topTerms)
        try container.encode(self.label, forKey: .label)
        try container.encode(self.failureTypes, forKey: .failureTypes)
        try container.encode(self.representatives, forKey: .representatives)
        try container.encode(self.memberIDs, forKey: .memberIDs)
    }
}
