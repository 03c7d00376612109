import FailureClustering
import Foundation

/// A clustering as the service answers it: the stored run's shape, with at most `memberLimit` member ids inline
/// per cluster, the cluster's `member_count`, whether ids were left out (`members_truncated`) and the path that
/// pages them all (`members_url`). The stored run and the in-process pipeline keep every id.
package struct ClusteringRunResponse: Encodable, Sendable {
    package var run: ClusteringRun
    package var memberLimit: Int

    package init(_ run: ClusteringRun, memberLimit: Int = ClusteringLimits.inlineMemberIDs) {
        self.run = run
        self.memberLimit = memberLimit
    }

    /// One cluster with its member ids bounded.
    struct BoundedCluster: Encodable {
        var cluster: FailureCluster
        var clusteringID: String
        var memberLimit: Int

        enum CodingKeys: String, CodingKey {
            case memberCount = "member_count"
            case membersTruncated = "members_truncated"
            case membersURL = "members_url"
        }

        func encode(to encoder: any Encoder) throws {
            var inline = self.cluster
            inline.memberIDs = Array(self.cluster.memberIDs.prefix(self.memberLimit))
            try inline.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.cluster.memberIDs.count, forKey: .memberCount)
            try container.encode(self.cluster.memberIDs.count > self.memberLimit, forKey: .membersTruncated)
            try container.encode(
                "/api/v1/clusterings/\(self.clusteringID)/clusters/\(self.cluster.clusterID)/members",
                forKey: .membersURL)
        }
    }

    /// The keys of ``ClusteringRun``'s encoding (its result's fields beside its own).
    enum CodingKeys: String, CodingKey {
        case clusters
        case kSelection = "k_selection"
        case failureCount = "failure_count"
        case emptyTextCount = "empty_text_count"
        case vocabularySize = "vocabulary_size"
        case inertia, parameters
        case clusteringID = "clustering_id"
        case createdAt = "created_at"
        case request
    }

    package func encode(to encoder: any Encoder) throws {
        let result = self.run.result
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            result.clusters.map {
                BoundedCluster(cluster: $0, clusteringID: self.run.clusteringID, memberLimit: self.memberLimit)
            }, forKey: .clusters)
        try container.encode(result.kSelection, forKey: .kSelection)
        try container.encode(result.failureCount, forKey: .failureCount)
        try container.encode(result.emptyTextCount, forKey: .emptyTextCount)
        try container.encode(result.vocabularySize, forKey: .vocabularySize)
        try container.encode(result.inertia, forKey: .inertia)
        try container.encode(result.parameters, forKey: .parameters)
        try container.encode(self.run.clusteringID, forKey: .clusteringID)
        try container.encode(self.run.createdAt, forKey: .createdAt)
        try container.encode(self.run.request, forKey: .request)
    }
}
