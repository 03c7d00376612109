import Experiences

/// The figures of one demo round, for the demo's table: how many interactions, how often the verifier flagged a
/// hallucination, the mean reward and the failures by type.
package struct RoundSummary: Sendable, Hashable, Codable {
    /// The round.
    package var round: Int
    /// The prompt that served the round (the most common `prompt_id` among its experiences; `nil` when none had one).
    package var promptID: String?
    /// How many interactions.
    package var interactions: Int
    /// The share of interactions the verifier flagged as hallucinations (`metadata.hallucination`; for experiences
    /// without that flag, `failure_type == "hallucination"`). 0 when there are none.
    package var hallucinationRate: Double
    /// The mean reward over the interactions that have one. 0 when none has.
    package var meanReward: Double
    /// How many interactions failed (``Experience/isFailure(threshold:)``).
    package var failures: Int
    /// Failures by `failure_type` (`unlabelled` for failures without one).
    package var failuresByType: [String: Int]
    /// The share of interactions with each failure mode (from `metadata.failure_modes` when logged, else the
    /// `failure_type` of failures): the guardrail rates beside the hallucination rate.
    package var failureModeRates: [String: Double]

    /// Creates a summary from given figures.
    package init(
        round: Int, promptID: String?, interactions: Int, hallucinationRate: Double, meanReward: Double,
        failures: Int, failuresByType: [String: Int], failureModeRates: [String: Double] = [:]
    ) {
        self.round = round
        self.promptID = promptID
        self.interactions = interactions
        self.hallucinationRate = hallucinationRate
        self.meanReward = meanReward
        self.failures = failures
        self.failuresByType = failuresByType
        self.failureModeRates = failureModeRates
    }

    /// Summarises a round's experiences.
    ///
    /// - Complexity: O(n).
    package init(round: Int, experiences: [Experience], failureThreshold: Double = Experience.defaultFailureThreshold) {
        var flagged = 0
        var rewardSum = 0.0
        var rewarded = 0
        var failures = 0
        var byType: [String: Int] = [:]
        var prompts: [String: Int] = [:]
        var modes: [String: Int] = [:]
        for experience in experiences {
            if case .array(let logged) = experience.metadata["failure_modes"] {
                for case .string(let mode) in logged { modes[mode, default: 0] += 1 }
            } else if experience.isFailure(threshold: failureThreshold), let type = experience.failureType {
                modes[type, default: 0] += 1
            }
            let hallucination: Bool
            if case .bool(let flag) = experience.metadata["hallucination"] {
                hallucination = flag
            } else {
                hallucination = experience.failureType == "hallucination"
            }
            if hallucination { flagged += 1 }
            if let reward = experience.reward {
                rewardSum += reward
                rewarded += 1
            }
            if experience.isFailure(threshold: failureThreshold) {
                failures += 1
                byType[experience.failureType ?? "unlabelled", default: 0] += 1
            }
            if let promptID = experience.promptID { prompts[promptID, default: 0] += 1 }
        }
        let promptID = prompts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        self.init(
            round: round, promptID: promptID, interactions: experiences.count,
            hallucinationRate: experiences.isEmpty ? 0 : Double(flagged) / Double(experiences.count),
            meanReward: rewarded == 0 ? 0 : rewardSum / Double(rewarded), failures: failures,
            failuresByType: byType,
            failureModeRates: modes.mapValues { Double($0) / Double(max(1, experiences.count)) })
    }

    enum CodingKeys: String, CodingKey {
        case round
        case promptID = "prompt_id"
        case interactions
        case hallucinationRate = "hallucination_rate"
        case meanReward = "mean_reward"
        case failures
        case failuresByType = "failures_by_type"
        case failureModeRates = "failure_mode_rates"
    }
}
