/// How many members of a cluster carry one `failure_type` label.
package struct FailureTypeCount: Sendable, Hashable, Codable {
    /// The online verifier's label, e.g. `hallucination`.
    package var failureType: String
    /// Members with that label.
    package var count: Int

    /// A label with its count.
    package init(failureType: String, count: Int) {
        self.failureType = failureType
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case failureType = "failure_type"
        case count
    }
}
