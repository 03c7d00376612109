import PatchGeneration

/// The body of `POST /api/v1/rank`.
///
/// JSON: `{"prompt_id"?, "prompt_text"?, "cluster"?, "clustering_id"?, "cluster_id"?, "candidates", "weights"?,
/// "measure"?, "samples"?, "seed"?}`. The cluster is `cluster` inline, or `clustering_id` + `cluster_id` (a stored
/// clustering run), as the patch generator takes it, so a caller can pass the generator's request on. The HTTP layer
/// resolves `prompt_id` into `prompt_text` and the reference into `cluster` before calling ``Ranker/rank(_:)``,
/// which needs both.
package struct RankRequest: Sendable, Hashable, Codable {
    /// The base prompt version, by id.
    package var promptID: String?
    /// The base prompt's text.
    package var promptText: String?
    /// The cluster the candidates were generated for, inline.
    package var cluster: ClusterEvidence?
    /// The stored clustering run that holds the cluster, with ``clusterID``.
    package var clusteringID: String?
    /// The cluster's id within ``clusteringID``'s run.
    package var clusterID: String?
    /// The candidates, as the generator returned them.
    package var candidates: [PatchCandidate]
    /// Criterion weights; default the ranker's configured ones.
    package var weights: RankingWeights?
    /// Whether to run the measured check; default the ranker's configuration.
    package var measure: Bool?
    /// Samples per representative for the measured check; default the configuration's.
    package var samples: Int?
    /// Seed of the measured check; default the configuration's.
    package var seed: UInt64?

    /// Creates a request.
    package init(
        promptID: String? = nil,
        promptText: String? = nil,
        cluster: ClusterEvidence? = nil,
        clusteringID: String? = nil,
        clusterID: String? = nil,
        candidates: [PatchCandidate],
        weights: RankingWeights? = nil,
        measure: Bool? = nil,
        samples: Int? = nil,
        seed: UInt64? = nil
    ) {
        self.promptID = promptID
        self.promptText = promptText
        self.cluster = cluster
        self.clusteringID = clusteringID
        self.clusterID = clusterID
        self.candidates = candidates
        self.weights = weights
        self.measure = measure
        self.samples = samples
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case promptID = "prompt_id"
        case promptText = "prompt_text"
        case cluster
        case clusteringID = "clustering_id"
        case clusterID = "cluster_id"
        case candidates, weights, measure, samples, seed
    }
}
