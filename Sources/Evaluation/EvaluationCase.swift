/// One experience of the test set answered under every evaluated version (in the versions' order), so a report can
/// show where versions disagree and the comparisons can be paired.
package struct EvaluationCase: Sendable, Hashable, Codable {
    package var experienceID: String
    package var input: String
    package var results: [Result]

    /// One version's answer to the experience and its verdict.
    package struct Result: Sendable, Hashable, Codable {
        package var promptID: String
        package var output: String
        package var reward: Double
        package var failureModes: [String]
        package var tokens: Int

        enum CodingKeys: String, CodingKey {
            case promptID = "prompt_id"
            case output, reward
            case failureModes = "failure_modes"
            case tokens
        }
    }

    enum CodingKeys: String, CodingKey {
        case experienceID = "experience_id"
        case input, results
    }
}
