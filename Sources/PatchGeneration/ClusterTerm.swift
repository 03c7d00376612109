/// A term and its weight in a cluster's centroid, as the clustering stage reports it (`{"term", "weight"}`).
package struct ClusterTerm: Sendable, Hashable, Codable {
    /// The term (a word, or words joined by one space).
    package var term: String
    /// Its centroid weight (mean TF-IDF weight over the cluster's members).
    package var weight: Double

    /// A term with its weight.
    package init(term: String, weight: Double) {
        self.term = term
        self.weight = weight
    }
}
