/// A term and its weight in a cluster centroid (the mean TF-IDF weight of the term over the cluster's members).
package struct TermWeight: Sendable, Hashable, Codable {
    /// The term (a word, or words joined by one space for n-grams).
    package var term: String
    /// Its centroid weight.
    package var weight: Double

    /// A term with its weight.
    package init(term: String, weight: Double) {
        self.term = term
        self.weight = weight
    }

    enum CodingKeys: String, CodingKey {
        case term, weight
    }
}
