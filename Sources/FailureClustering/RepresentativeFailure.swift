/// A failure close to its cluster's centroid, shown as evidence of what the cluster is about.
package struct RepresentativeFailure: Sendable, Hashable, Codable {
    /// The experience id.
    package var id: String
    /// The user's input.
    package var input: String
    /// The model's response.
    package var response: String
    /// The verifier's failure label, if any.
    package var failureType: String?
    /// Euclidean distance from the failure's TF-IDF vector to the centroid (0 = at the centre).
    package var distance: Double

    /// A representative failure.
    package init(id: String, input: String, response: String, failureType: String?, distance: Double) {
        self.id = id
        self.input = input
        self.response = response
        self.failureType = failureType
        self.distance = distance
    }

    enum CodingKeys: String, CodingKey {
        case id, input, response
        case failureType = "failure_type"
        case distance
    }
}
