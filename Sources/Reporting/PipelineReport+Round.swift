extension PipelineReport {
    /// One round of `kaizen demo`: interactions logged under a prompt, then (perhaps) a new version.
    package struct Round: Sendable, Hashable, Codable {
        /// The round number.
        package var round: Int
        /// The prompt that served the round.
        package var promptID: String
        /// How many interactions were logged.
        package var interactions: Int
        /// The share the verifier flagged as hallucinations.
        package var hallucinationRate: Double
        /// The mean reward.
        package var meanReward: Double
        /// Failures per failure type (or per cluster).
        package var failures: [String: Int]
        /// The version written after the round, if any.
        package var versionWritten: String?
        /// The share of interactions with each failure mode (`refusal`, `unanswered`, ...): the guardrails.
        package var failureModeRates: [String: Double]
        /// Where the round's responses came from (e.g. `logged`, `simulated`, the model's name).
        package var source: String?

        /// Creates a round.
        package init(
            round: Int, promptID: String, interactions: Int, hallucinationRate: Double, meanReward: Double,
            failures: [String: Int] = [:], versionWritten: String? = nil, failureModeRates: [String: Double] = [:],
            source: String? = nil
        ) {
            self.round = round
            self.promptID = promptID
            self.interactions = interactions
            self.hallucinationRate = hallucinationRate
            self.meanReward = meanReward
            self.failures = failures
            self.versionWritten = versionWritten
            self.failureModeRates = failureModeRates
            self.source = source
        }

        /// The rate of one failure mode (0 when none was seen).
        package func rate(_ mode: String) -> Double { self.failureModeRates[mode] ?? 0 }

        enum CodingKeys: String, CodingKey {
            case round
            case promptID = "prompt_id"
            case interactions
            case hallucinationRate = "hallucination_rate"
            case meanReward = "mean_reward"
            case failures
            case versionWritten = "version_written"
            case failureModeRates = "failure_mode_rates"
            case source
        }
    }
}
