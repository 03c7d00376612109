import FailureClustering
import Foundation

/// A stored clustering: the request, when it ran, and the clusters, under an id later stages can name.
package struct ClusteringRun: Sendable, Hashable, Codable {
    package var clusteringID: String
    package var createdAt: Date
    package var request: ClusterRequest
    package var result: ClusteringResult

    package init(clusteringID: String, createdAt: Date, request: ClusterRequest, result: ClusteringResult) {
        self.clusteringID = clusteringID
        self.createdAt = createdAt
        self.request = request
        self.result = result
    }

    /// The cluster with this id, if the run has it.
    package func cluster(_ id: String) -> FailureCluster? {
        self.result.clusters.first { $0.clusterID == id }
    }

    /// What to say when `missing` names clusters this run lacks: which ones, and the ones it has (a typo such as
    /// `cluster_9` for a run of five is then plain).
    package func missingClusters(_ missing: [String]) -> String {
        let known = self.result.clusters.map(\.clusterID)
        return "clustering \(self.clusteringID) has no cluster \(missing.sorted().joined(separator: ", ")); "
            + (known.isEmpty ? "it has no clusters" : "its clusters are \(known.joined(separator: ", "))")
    }

    enum CodingKeys: String, CodingKey {
        case clusteringID = "clustering_id"
        case createdAt = "created_at"
        case request, result
    }

    /// The API shape: the result's fields at the top level, beside the id, time and request.
    package func encode(to encoder: any Encoder) throws {
        try self.result.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.clusteringID, forKey: .clusteringID)
        try container.encode(self.createdAt, forKey: .createdAt)
        try container.encode(self.request, forKey: .request)
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.clusteringID = try container.decode(String.self, forKey: .clusteringID)
        self.createdAt = try container.decode(Date.self, forKey: .createdAt)
        self.request = try container.decode(ClusterRequest.self, forKey: .request)
        self.result = try ClusteringResult(from: decoder)
    }
}
