import Experiences
import RLTraining

/// What a finished training run found, and what it wrote.
package struct TrainingResult: Sendable, Hashable, Codable {
    /// `written` (a new version), `no_significant_improvement` (the gate said no), `no_patch_chosen` (the
    /// policy preferred the base prompt everywhere), `blocked_by_guardrail` (a gain, but a guardrail got worse) or
    /// `too_little_data` (too few held-out experiences for an interval).
    package var outcome: Outcome
    /// A sentence for people: what happened and why.
    package var message: String
    /// The chosen patch per cluster (`null` for "no patch").
    package var patchIDs: [String: String?]
    /// The new version's id and file, when one was written.
    package var promptID: String?
    package var path: String?
    /// The full text of the chosen variant.
    package var promptText: String
    /// Held-out comparison of the base prompt and the result on the same experiences and seeds.
    package var evaluation: HeldOutEvaluation
    /// Training: curve, spend, and why it stopped.
    package var training: TrainingSummary

    package enum Outcome: String, Sendable, Hashable, Codable {
        case written
        case noSignificantImprovement = "no_significant_improvement"
        case noPatchChosen = "no_patch_chosen"
        /// The gain cleared the gate but a guardrail got worse with confidence.
        case blockedByGuardrail = "blocked_by_guardrail"
        /// The held-out part is too small for an interval (``TrainerConfiguration/minimumHeldOut``).
        case tooLittleData = "too_little_data"
    }

    enum CodingKeys: String, CodingKey {
        case outcome, message
        case patchIDs = "patch_ids"
        case promptID = "prompt_id"
        case path
        case promptText = "prompt_text"
        case evaluation, training
    }
}

/// The held-out gate's figures.
package struct HeldOutEvaluation: Sendable, Hashable, Codable {
    package var experiences: Int
    package var baselineReward: Double
    package var reward: Double
    /// Mean paired difference (result − base) and its bootstrap 95% interval.
    package var gain: ConfidenceInterval
    package var hallucinationRateBefore: Double
    package var hallucinationRateAfter: Double
    /// Every guardrail with its rates before and after and the paired difference's interval.
    package var guardrails: [GuardrailCheck]
    package var rollouts: Int
    package var tokens: Int

    enum CodingKeys: String, CodingKey {
        case experiences
        case baselineReward = "baseline_reward"
        case reward, gain
        case hallucinationRateBefore = "hallucination_rate_before"
        case hallucinationRateAfter = "hallucination_rate_after"
        case guardrails, rollouts, tokens
    }
}

/// The GRPO part of a run.
package struct TrainingSummary: Sendable, Hashable, Codable {
    package var experiences: Int
    package var failures: Int
    package var successes: Int
    package var rollouts: Int
    package var tokens: Int
    package var stopReason: StopReason
    package var zeroSpreadGroups: Int
    package var groups: Int
    package var curve: [TrainingCurvePoint]
    /// The final policy's probabilities per cluster ("no patch" first).
    package var probabilities: [[Double]]

    enum CodingKeys: String, CodingKey {
        case experiences, failures, successes, rollouts, tokens
        case stopReason = "stop_reason"
        case zeroSpreadGroups = "zero_spread_groups"
        case groups, curve, probabilities
    }
}

/// Progress reported while a job runs.
package struct TrainingProgress: Sendable, Hashable, Codable {
    package var phase: Phase
    package var step: Int
    package var steps: Int
    package var rollouts: Int
    package var tokens: Int
    package var curve: [TrainingCurvePoint]

    package enum Phase: String, Sendable, Hashable, Codable {
        case loading, training, evaluating, writing, done
    }

    package init(phase: Phase, step: Int, steps: Int, rollouts: Int, tokens: Int, curve: [TrainingCurvePoint]) {
        self.phase = phase
        self.step = step
        self.steps = steps
        self.rollouts = rollouts
        self.tokens = tokens
        self.curve = curve
    }
}
