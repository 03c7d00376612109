/// One experience of the test set answered under every evaluated version (in the versions' order), so a report can
/// show where versions disagree and the comparisons can be paired.
package struct EvaluationCase: Sendable, Hashable, Codable {
    package var experienceID: String
    package var input: String
    package var results: [Result]

    /// One version's answer to the experience and its verdict; with several answers per experience, their summary
    /// and every answer.
    package struct Result: Sendable, Hashable, Codable {
        package var promptID: String
        /// The (first) answer.
        package var output: String
        /// The answer's reward; with several, their mean.
        package var reward: Double
        /// The answer's failure modes; with several, every mode some answer showed, in the verifier's order.
        package var failureModes: [String]
        /// Tokens of the answer, or of all answers.
        package var tokens: Int
        /// Every answer, when the version answered the experience more than once (`nil`, the key absent, for one).
        package var answers: [Answer]?

        /// One answer, or the summary of several (`answers`, in the order they were drawn).
        package init(promptID: String, answers: [Answer]) {
            precondition(!answers.isEmpty, "at least one answer")
            self.promptID = promptID
            self.output = answers[0].output
            self.reward = answers.map(\.reward).reduce(0, +) / Double(answers.count)
            let modes = Set(answers.flatMap(\.failureModes))
            self.failureModes =
                answers.count == 1 ? answers[0].failureModes : EvaluationResult.failureModes.filter(modes.contains)
            self.tokens = answers.reduce(0) { $0 + $1.tokens }
            self.answers = answers.count > 1 ? answers : nil
        }

        /// The share of the answers that showed `mode` (0 or 1 for a single answer).
        package func share(of mode: String) -> Double {
            guard let answers else { return self.failureModes.contains(mode) ? 1 : 0 }
            return Double(answers.count(where: { $0.failureModes.contains(mode) })) / Double(answers.count)
        }

        enum CodingKeys: String, CodingKey {
            case promptID = "prompt_id"
            case output, reward
            case failureModes = "failure_modes"
            case tokens, answers
        }
    }

    /// One answer and its verdict.
    package struct Answer: Sendable, Hashable, Codable {
        package var output: String
        package var reward: Double
        package var failureModes: [String]
        package var tokens: Int

        package init(output: String, reward: Double, failureModes: [String], tokens: Int) {
            self.output = output
            self.reward = reward
            self.failureModes = failureModes
            self.tokens = tokens
        }

        enum CodingKeys: String, CodingKey {
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
