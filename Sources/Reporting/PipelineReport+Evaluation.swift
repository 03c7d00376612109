extension PipelineReport {
    /// The trained prompt against the base prompt on the held-out experiences.
    package struct Evaluation: Sendable, Hashable, Codable {
        /// How many held-out experiences.
        package var heldOut: Int
        /// The base prompt's mean reward.
        package var baselineReward: Double
        /// The trained prompt's mean reward.
        package var reward: Double
        /// The mean paired gain with its confidence interval.
        package var gain: Interval
        /// The share of flagged hallucinations under the base prompt.
        package var hallucinationRateBefore: Double
        /// The share of flagged hallucinations under the trained prompt.
        package var hallucinationRateAfter: Double
        /// The gate's guardrails: failure rates (and the mean answer length) before and after, with intervals.
        package var guardrails: [Guardrail]
        /// How many paired experiences the guardrails were checked on: the held-out ones and the extra logged
        /// successes the gate answered for them (`nil` in reports made before; then the held-out ones).
        package var guardrailExperiences: Int?
        /// How many times each prompt answered each held-out experience (`nil` in reports made before; then once).
        package var answersPerExperience: Int?

        /// Creates an evaluation.
        package init(
            heldOut: Int, baselineReward: Double, reward: Double, gain: Interval, hallucinationRateBefore: Double,
            hallucinationRateAfter: Double, guardrails: [Guardrail] = [], guardrailExperiences: Int? = nil,
            answersPerExperience: Int? = nil
        ) {
            self.answersPerExperience = answersPerExperience
            self.guardrailExperiences = guardrailExperiences
            self.heldOut = heldOut
            self.baselineReward = baselineReward
            self.reward = reward
            self.gain = gain
            self.hallucinationRateBefore = hallucinationRateBefore
            self.hallucinationRateAfter = hallucinationRateAfter
            self.guardrails = guardrails
        }

        enum CodingKeys: String, CodingKey {
            case heldOut = "held_out"
            case baselineReward = "baseline_reward"
            case reward, gain
            case hallucinationRateBefore = "hallucination_rate_before"
            case hallucinationRateAfter = "hallucination_rate_after"
            case guardrails
            case guardrailExperiences = "guardrail_experiences"
            case answersPerExperience = "answers_per_experience"
        }
    }

    /// One guardrail of the held-out gate.
    package struct Guardrail: Sendable, Hashable, Codable {
        /// The failure mode, or `mean_words`.
        package var name: String
        package var before: Double
        package var after: Double
        /// After − before with its interval.
        package var difference: Interval
        /// Whether it blocked the version (worse with confidence, by more than its tolerance).
        package var blocked: Bool

        /// Creates a guardrail.
        package init(name: String, before: Double, after: Double, difference: Interval, blocked: Bool) {
            self.name = name
            self.before = before
            self.after = after
            self.difference = difference
            self.blocked = blocked
        }
    }

    /// An estimate with a confidence interval.
    package struct Interval: Sendable, Hashable, Codable {
        /// The point estimate.
        package var estimate: Double
        /// The lower end.
        package var low: Double
        /// The upper end.
        package var high: Double
        /// The nominal coverage. Default 0.95.
        package var confidence: Double

        /// Creates an interval.
        package init(estimate: Double, low: Double, high: Double, confidence: Double = 0.95) {
            self.estimate = estimate
            self.low = low
            self.high = high
            self.confidence = confidence
        }
    }
}
