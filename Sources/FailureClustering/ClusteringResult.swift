/// Everything one clustering of failures produced: the clusters, how k was chosen, counts, and the options used.
///
/// It carries no run id and is not stored: the service layer assigns ids and persists it.
package struct ClusteringResult: Sendable, Hashable, Codable {
    /// The non-empty clusters, `cluster_1` first (largest).
    package var clusters: [FailureCluster]
    /// How k was chosen, with the silhouette per k tried.
    package var kSelection: KSelection
    /// Failures clustered.
    package var failureCount: Int
    /// Failures whose text had no term of the vocabulary (under `topic` zero vectors, which join the cluster with the
    /// smallest centroid norm; under `failure_mode` they still have their diagnosis).
    package var emptyTextCount: Int
    /// Terms in the TF-IDF vocabulary.
    package var vocabularySize: Int
    /// k-means inertia of the final clustering (sum of squared distances to centroids).
    package var inertia: Double
    /// The options the clustering ran with.
    package var parameters: FailureClusterer.Configuration

    /// A result from its parts.
    package init(
        clusters: [FailureCluster], kSelection: KSelection, failureCount: Int, emptyTextCount: Int,
        vocabularySize: Int, inertia: Double, parameters: FailureClusterer.Configuration
    ) {
        self.clusters = clusters
        self.kSelection = kSelection
        self.failureCount = failureCount
        self.emptyTextCount = emptyTextCount
        self.vocabularySize = vocabularySize
        self.inertia = inertia
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case clusters
        case kSelection = "k_selection"
        case failureCount = "failure_count"
        case emptyTextCount = "empty_text_count"
        case vocabularySize = "vocabulary_size"
        case inertia
        case parameters
    }
}
