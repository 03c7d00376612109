extension PipelineReport {
    /// One failure cluster as the clustering stage found it, with the patches proposed for it.
    package struct Cluster: Sendable, Hashable, Codable {
        /// The cluster's id, e.g. `cluster_1`.
        package var id: String
        /// How many failures it holds.
        package var size: Int
        /// Its share of all clustered failures, 0...1.
        package var share: Double
        /// Its severity, 0...1.
        package var severity: Double
        /// A short label, e.g. `hallucination: invented names`.
        package var label: String
        /// The heaviest TF-IDF terms, heaviest first.
        package var topTerms: [String]
        /// How many of its failures carry each `failure_type`.
        package var failureTypes: [String: Int]
        /// The failures closest to the centroid.
        package var representatives: [Representative]
        /// The patches proposed for it, as the ranker ordered them.
        package var candidates: [Candidate]

        /// Creates a cluster.
        package init(
            id: String, size: Int, share: Double, severity: Double, label: String, topTerms: [String] = [],
            failureTypes: [String: Int] = [:], representatives: [Representative] = [], candidates: [Candidate] = []
        ) {
            self.id = id
            self.size = size
            self.share = share
            self.severity = severity
            self.label = label
            self.topTerms = topTerms
            self.failureTypes = failureTypes
            self.representatives = representatives
            self.candidates = candidates
        }

        enum CodingKeys: String, CodingKey {
            case id, size, share, severity, label
            case topTerms = "top_terms"
            case failureTypes = "failure_types"
            case representatives, candidates
        }
    }

    /// A failure close to its cluster's centroid, shown as evidence.
    package struct Representative: Sendable, Hashable, Codable {
        /// The experience's id.
        package var id: String
        /// The user's turn.
        package var input: String
        /// The response, or an excerpt of it.
        package var response: String
        /// The distance to the centroid (smaller is more typical).
        package var distance: Double

        /// Creates a representative.
        package init(id: String, input: String, response: String, distance: Double) {
            self.id = id
            self.input = input
            self.response = response
            self.distance = distance
        }
    }
}
