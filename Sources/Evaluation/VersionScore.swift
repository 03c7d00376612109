import RLTraining

/// One version's figures on the test set: mean reward and every failure mode's rate, each with a 95% interval.
package struct VersionScore: Sendable, Hashable, Codable {
    package var promptID: String
    /// Mean reward with a percentile-bootstrap interval.
    package var meanReward: ConfidenceInterval
    /// Share of experiences with each failure mode (``EvaluationResult/failureModes`` order), with Wilson intervals.
    package var failureRates: [String: ConfidenceInterval]
    /// Experiences with at least one failure mode.
    package var failures: Int
    /// Tokens the model spent on this version's answers.
    package var tokens: Int

    enum CodingKeys: String, CodingKey {
        case promptID = "prompt_id"
        case meanReward = "mean_reward"
        case failureRates = "failure_rates"
        case failures, tokens
    }
}
