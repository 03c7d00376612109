import Experiences
import Prompts
import RLTraining

/// What a finished training run found, and what it wrote.
package struct TrainingResult: Sendable, Hashable, Codable {
    /// `written` (a new version), `no_significant_improvement` (the gate said no), `no_patch_chosen` (the
    /// policy preferred the base prompt everywhere), `blocked_by_guardrail` (a gain, but a guardrail got worse),
    /// `too_little_data` (too few held-out experiences for an interval) or `already_written` (the gate passed, but the
    /// family already has a version with the result's text).
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
    /// What answered the run's model calls; `nil` in records made before it was kept.
    package var answeredBy: AnsweredBy?
    /// What candidate evolution made, refused and kept in its Pareto pool, when the job asked for it (written or
    /// not: a version's provenance holds the same record); `nil` otherwise.
    package var evolution: Provenance.Evolution? = nil

    /// The models that answered a run's calls, as the responses named them, and whether any was the simulator, so
    /// a caller that did not choose the model (a `--remote` pipeline run) can say what its figures come from.
    package struct AnsweredBy: Sendable, Hashable, Codable {
        package var models: [String]
        package var simulated: Bool

        package init(models: [String], simulated: Bool) {
            self.models = models
            self.simulated = simulated
        }
    }

    package enum Outcome: String, Sendable, Hashable, Codable {
        case written
        case noSignificantImprovement = "no_significant_improvement"
        case noPatchChosen = "no_patch_chosen"
        /// The gain cleared the gate but a guardrail got worse with confidence.
        case blockedByGuardrail = "blocked_by_guardrail"
        /// The held-out part is too small for an interval (``TrainerConfiguration/minimumHeldOut``).
        case tooLittleData = "too_little_data"
        /// The gate passed, but a version of the base prompt's family already has the result's exact text (the same
        /// job run again, say): writing it again would only add a copy and make it the latest.
        case alreadyWritten = "already_written"
    }

    enum CodingKeys: String, CodingKey {
        case outcome, message
        case patchIDs = "patch_ids"
        case promptID = "prompt_id"
        case path
        case promptText = "prompt_text"
        case evaluation, training
        case answeredBy = "answered_by"
        case evolution
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
    /// Held-out experiences left out of the comparison because a generation for them failed.
    package var failedGenerations: Int = 0
    /// The ids of the held-out experiences compared, so the same test set can be evaluated again later
    /// (`kaizen eval --held-out-of JOB`); empty in records made before they were kept.
    package var experienceIDs: [String] = []
    /// How many times the gate looked at the comparison (1 for ``GateSchedule/fixed``, or a sequential gate that
    /// needed only its first look) and the rollouts a fixed gate would have spent; `rollouts` is what this decision
    /// cost. 1 and `rollouts` in records made before they were kept.
    package var looks: Int = 1
    package var plannedRollouts: Int = 0
    /// The paired experiences the guardrails were checked on: the held-out ones, plus the extra successes the gate
    /// answered for them (``TrainerConfiguration/guardrailSuccesses``). `experiences` in records made before.
    package var guardrailExperiences: Int
    /// How many answers each prompt gave to each held-out experience (``TrainerConfiguration/heldOutAnswers``):
    /// the rewards, rates and differences are per-experience means over them. 1 in records made before.
    package var answersPerExperience: Int = 1

    enum CodingKeys: String, CodingKey {
        case looks
        case answersPerExperience = "answers_per_experience"
        case guardrailExperiences = "guardrail_experiences"
        case plannedRollouts = "planned_rollouts"
        case experiences
        case baselineReward = "baseline_reward"
        case reward, gain
        case hallucinationRateBefore = "hallucination_rate_before"
        case hallucinationRateAfter = "hallucination_rate_after"
        case guardrails, rollouts, tokens
        case failedGenerations = "failed_generations"
        case experienceIDs = "experience_ids"
    }

    package init(
        experiences: Int, baselineReward: Double, reward: Double, gain: ConfidenceInterval,
        hallucinationRateBefore: Double, hallucinationRateAfter: Double, guardrails: [GuardrailCheck], rollouts: Int,
        tokens: Int, failedGenerations: Int, experienceIDs: [String] = [], looks: Int = 1, plannedRollouts: Int? = nil,
        guardrailExperiences: Int? = nil, answersPerExperience: Int = 1
    ) {
        self.guardrailExperiences = guardrailExperiences ?? experiences
        self.answersPerExperience = answersPerExperience
        self.experiences = experiences
        self.baselineReward = baselineReward
        self.reward = reward
        self.gain = gain
        self.hallucinationRateBefore = hallucinationRateBefore
        self.hallucinationRateAfter = hallucinationRateAfter
        self.guardrails = guardrails
        self.rollouts = rollouts
        self.tokens = tokens
        self.failedGenerations = failedGenerations
        self.experienceIDs = experienceIDs
        self.looks = looks
        self.plannedRollouts = plannedRollouts ?? rollouts
    }

    /// Decodes records written before `failed_generations` and `experience_ids` were kept (as 0 and none).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.experiences = try container.decode(Int.self, forKey: .experiences)
        self.baselineReward = try container.decode(Double.self, forKey: .baselineReward)
        self.reward = try container.decode(Double.self, forKey: .reward)
        self.gain = try container.decode(ConfidenceInterval.self, forKey: .gain)
        self.hallucinationRateBefore = try container.decode(Double.self, forKey: .hallucinationRateBefore)
        self.hallucinationRateAfter = try container.decode(Double.self, forKey: .hallucinationRateAfter)
        self.guardrails = try container.decode([GuardrailCheck].self, forKey: .guardrails)
        self.rollouts = try container.decode(Int.self, forKey: .rollouts)
        self.tokens = try container.decode(Int.self, forKey: .tokens)
        self.failedGenerations = try container.decodeIfPresent(Int.self, forKey: .failedGenerations) ?? 0
        self.experienceIDs = try container.decodeIfPresent([String].self, forKey: .experienceIDs) ?? []
        self.looks = try container.decodeIfPresent(Int.self, forKey: .looks) ?? 1
        self.guardrailExperiences =
            try container.decodeIfPresent(Int.self, forKey: .guardrailExperiences) ?? self.experiences
        self.plannedRollouts = try container.decodeIfPresent(Int.self, forKey: .plannedRollouts) ?? self.rollouts
        self.answersPerExperience = try container.decodeIfPresent(Int.self, forKey: .answersPerExperience) ?? 1
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
    /// Rollouts whose generation failed (counted in `rollouts`, left out of the updates).
    package var failedRollouts: Int = 0
    /// Rollouts answered from memory: a repeat of a (prompt, experience, seed) already answered in the run
    /// (counted in `rollouts`, costing no tokens).
    package var cachedRollouts: Int = 0
    /// How the groups chose their variants; `nil` in records made before it was kept (then `policy`).
    package var allocation: AllocationRule? = nil
    /// Successive halving's eliminations with the rollouts each cost (empty under `policy`).
    package var decisions: [AllocationDecision] = []

    enum CodingKeys: String, CodingKey {
        case allocation, decisions
        case experiences, failures, successes, rollouts, tokens
        case stopReason = "stop_reason"
        case zeroSpreadGroups = "zero_spread_groups"
        case groups, curve, probabilities
        case failedRollouts = "failed_rollouts"
        case cachedRollouts = "cached_rollouts"
    }

    package init(
        experiences: Int, failures: Int, successes: Int, rollouts: Int, tokens: Int, stopReason: StopReason,
        zeroSpreadGroups: Int, groups: Int, curve: [TrainingCurvePoint], probabilities: [[Double]],
        failedRollouts: Int, cachedRollouts: Int, allocation: AllocationRule? = nil,
        decisions: [AllocationDecision] = []
    ) {
        self.experiences = experiences
        self.failures = failures
        self.successes = successes
        self.rollouts = rollouts
        self.tokens = tokens
        self.stopReason = stopReason
        self.zeroSpreadGroups = zeroSpreadGroups
        self.groups = groups
        self.curve = curve
        self.probabilities = probabilities
        self.failedRollouts = failedRollouts
        self.cachedRollouts = cachedRollouts
        self.allocation = allocation
        self.decisions = decisions
    }

    /// Decodes records written before the failed and cached counts were kept (as 0).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.experiences = try container.decode(Int.self, forKey: .experiences)
        self.failures = try container.decode(Int.self, forKey: .failures)
        self.successes = try container.decode(Int.self, forKey: .successes)
        self.rollouts = try container.decode(Int.self, forKey: .rollouts)
        self.tokens = try container.decode(Int.self, forKey: .tokens)
        self.stopReason = try container.decode(StopReason.self, forKey: .stopReason)
        self.zeroSpreadGroups = try container.decode(Int.self, forKey: .zeroSpreadGroups)
        self.groups = try container.decode(Int.self, forKey: .groups)
        self.curve = try container.decode([TrainingCurvePoint].self, forKey: .curve)
        self.probabilities = try container.decode([[Double]].self, forKey: .probabilities)
        self.failedRollouts = try container.decodeIfPresent(Int.self, forKey: .failedRollouts) ?? 0
        self.cachedRollouts = try container.decodeIfPresent(Int.self, forKey: .cachedRollouts) ?? 0
        self.allocation = try container.decodeIfPresent(AllocationRule.self, forKey: .allocation)
        self.decisions = try container.decodeIfPresent([AllocationDecision].self, forKey: .decisions) ?? []
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
    /// The rollouts the whole job is expected to make (training at its full step count or budget, plus the held-out
    /// gate), once the data is loaded; with `rollouts` and a clock it gives the time left.
    package var plannedRollouts: Int?
    /// The calls the gate adds, beyond `plannedRollouts`, only when the gain passes: both prompts on the guardrails'
    /// extra successes (``TrainerConfiguration/guardrailSuccesses``). `nil` when there are none.
    package var guardrailRollouts: Int?

    package enum Phase: String, Sendable, Hashable, Codable {
        case loading, training, evaluating, writing, done
    }

    package init(
        phase: Phase, step: Int, steps: Int, rollouts: Int, tokens: Int, curve: [TrainingCurvePoint],
        plannedRollouts: Int? = nil, guardrailRollouts: Int? = nil
    ) {
        self.phase = phase
        self.step = step
        self.steps = steps
        self.rollouts = rollouts
        self.tokens = tokens
        self.curve = curve
        self.plannedRollouts = plannedRollouts
        self.guardrailRollouts = guardrailRollouts
    }

    enum CodingKeys: String, CodingKey {
        case phase, step, steps, rollouts, tokens, curve
        case plannedRollouts = "planned_rollouts"
        case guardrailRollouts = "guardrail_rollouts"
    }
}
