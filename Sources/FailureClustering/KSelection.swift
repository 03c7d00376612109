/// How k was chosen: given by the caller, or the best mean silhouette over a range.
package struct KSelection: Sendable, Hashable, Codable {
    /// How the choice was made.
    package enum Method: String, Sendable, Hashable, Codable {
        /// The caller gave k.
        case given
        /// The k with the highest (sampled) silhouette in the range; ties go to the smaller k.
        case silhouette
        /// Too few failures to compare two or more clusters (fewer than the range's lower bound + 1): one cluster.
        case singleCluster = "single_cluster"
    }

    /// One k tried.
    package struct Candidate: Sendable, Hashable, Codable {
        /// The number of clusters.
        package var k: Int
        /// Mean silhouette of the clustering with this k (on the sample); `nil` when undefined (fewer than two
        /// non-empty clusters, e.g. all texts identical).
        package var silhouette: Double?
        /// k-means inertia with this k.
        package var inertia: Double

        /// A candidate k with its scores.
        package init(k: Int, silhouette: Double?, inertia: Double) {
            self.k = k
            self.silhouette = silhouette
            self.inertia = inertia
        }

        enum CodingKeys: String, CodingKey {
            case k, silhouette, inertia
        }
    }

    /// How k was chosen.
    package var method: Method
    /// The k used.
    package var chosenK: Int
    /// The ks tried, in increasing order (just the chosen one when k was given).
    package var candidates: [Candidate]
    /// Failures the silhouette was computed on (a seeded sample when there are more than the configured size);
    /// `nil` when no silhouette was computed.
    package var silhouetteSampleSize: Int?

    /// A k-selection report.
    package init(method: Method, chosenK: Int, candidates: [Candidate], silhouetteSampleSize: Int?) {
        self.method = method
        self.chosenK = chosenK
        self.candidates = candidates
        self.silhouetteSampleSize = silhouetteSampleSize
    }

    enum CodingKeys: String, CodingKey {
        case method
        case chosenK = "chosen_k"
        case candidates
        case silhouetteSampleSize = "silhouette_sample_size"
    }
}
