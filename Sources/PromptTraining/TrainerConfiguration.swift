import RLTraining

/// Defaults for training jobs; a request's own fields override them.
package struct TrainerConfiguration: Sendable, Hashable {
    /// Variants per experience (G). Default 8.
    package var groupSize: Int = 8
    /// Experiences per step (B). Default 8.
    package var batchSize: Int = 8
    /// GRPO steps. Default 30.
    package var steps: Int = 30
    /// The job's seed when the request names none. Default 0.
    package var seed: UInt64 = 0
    /// Model calls in flight at once. Default 16.
    package var maxConcurrentRollouts: Int = 16
    /// Share of experiences held out for the gate. Default 0.3.
    package var heldOutFraction: Double = 0.3
    /// How many answers each prompt gives to each held-out experience (each with its own sampling seed, shared by
    /// the two prompts). The gate compares the prompts on each experience's mean over its answers, and its intervals
    /// still resample experiences, so more answers narrow the interval by the part of the spread that is sampling
    /// noise, never below what the experiences themselves differ by; the guardrails' rates become each experience's
    /// share of failing answers, so they see a rise sooner too. Default 1, the setting every simulated figure of the
    /// gate was measured with; the CLI and the services ask 3 of a real endpoint, where sampling noise is nine tenths
    /// of the spread (Benchmarks/README.md, "Answers per held-out experience").
    package var heldOutAnswers: Int = 1
    /// The prior score of a candidate the request gives no ranker score: `max(0, 1 − unscoredPriorStep · index)`
    /// by its place in the list, so a list in the ranker's order still starts GRPO leaning towards its top. Default
    /// 0.1 (the tenth candidate and later start at 0).
    package var unscoredPriorStep: Double = 0.1
    /// Successes sampled per targeted failure. Default 1.
    package var successRatio: Double = 1
    /// Logged successes of the base prompt, beyond those sampled for training and the held-out part, that the gate
    /// also answers under both prompts when the gain clears `minGain`, for the guardrails alone (the gain stays
    /// measured on the held-out part). A prompt that declines answerable requests shows it on requests that went
    /// well, and the held-out part holds only a few of those: in `kaizen demo --seed 3 --allocation
    /// successive_halving` a version whose abstention rule raised refusals from 0.013 to 0.133 of the next round's
    /// traffic passed a gate of 22 held-out experiences. Default 40.
    package var guardrailSuccesses: Int = 40
    /// Lowest acceptable lower end of the gain's interval. Default 0 (the gain must be positive with confidence).
    package var minGain: Double = 0
    /// Bootstrap resamples for the gain's interval. Default 2000.
    package var bootstrapResamples: Int = 2000
    /// Sampling temperature for the target model. Default 1.
    package var temperature: Double = 1
    /// Largest answer asked of the target model, in tokens. Default 512.
    package var maxTokens: Int = 512
    /// When set, each call's `max_tokens` is sized to its experience: this many times the tokens of its reference
    /// (or logged response) plus 32, between 48 and ``maxTokens`` (`TokenEstimate.answerCap`). `nil` (the default)
    /// asks every call for ``maxTokens``. The CLI sets 3 for a real endpoint, where every token costs time; the
    /// simulator's answers cost nothing and its verbose answers must stay long enough to be seen as verbose.
    package var answerTokenScale: Double? = nil
    /// The share of training rollouts whose generation may fail before training stops and the gate runs on what was
    /// learned (``RLTraining/GRPOConfiguration/failureAllowance``). Default 0.1.
    package var failureAllowance: Double = 0.1
    /// How many distinct requests may fail one after another, with no answer between them, before the job fails at
    /// once with the last error (identical requests in flight at once share one call and count once). Default 32
    /// (two rounds of ``maxConcurrentRollouts``): an endpoint that went down mid-job would otherwise cost every
    /// remaining training and held-out call its full retries and timeouts (minutes each against a hanging server)
    /// before the job could fail; a model that fails now and then never gets there.
    package var failuresInARowLimit: Int = 32
    /// How group-relative advantages are scaled. Default `.meanOnly` (Dr. GRPO): every answer to one experience
    /// shares its random draw with the other variants' (common random numbers), so most groups differ in one or two
    /// rollouts, and dividing by the group's standard deviation would give a group where a variant loses by 0.01 the
    /// same weight as one where it loses by 0.5: training would then favour the variant that wins most often rather
    /// than the one with the highest expected reward (see `Tests/PromptTrainingTests`, the abstention trade-off).
    package var advantageNormalization: AdvantageNormalization = .meanOnly
    /// `β`, the weight of the exact KL penalty towards the ranker's prior. Default 0.002: with Dr. GRPO's advantages
    /// in reward units (a patch usually changes a group's rewards by a few hundredths), GRPO's customary 0.02 holds the
    /// policy near the prior once it has moved about one nat, before the better patch has won.
    package var klCoefficient: Double = 0.002
    /// Adam's step size on the policy's logits. Default 0.1.
    package var learningRate: Double = 0.1
    /// The fewest held-out experiences for which the gate computes an interval and may write a version. Default 20:
    /// below it a percentile bootstrap over a handful of pairs gives an interval that does not hold its 95%.
    package var minimumHeldOut: Int = 20
    /// How much a guardrail rate (refusal, unanswered, missed abstention, hallucination, incomplete, format) may
    /// rise, as a share of the experiences the guardrails are checked on, before a version is blocked: blocked when
    /// the paired difference's 95% interval lies above 0 and its estimate above this (``GuardrailCheck/blocked``).
    /// Default 0.02.
    package var guardrailTolerance: Double = 0.02
    /// How much longer, as a share of the base prompt's mean answer length in words, answers may get before a
    /// version is blocked (same rule, and a sign-flip test must agree). Default 0.25.
    package var lengthGuardrailTolerance: Double = 0.25

    /// Which variants GRPO's groups sample (``RLTraining/AllocationRule``): successive halving drops the clearly
    /// worse choices round by round and stops when one variant is left; `.policy` samples from the policy for the
    /// whole budget, as before. A request's `allocation` overrides it, and a job that evolves uses `.policy`.
    /// Default `.policy`: successive halving finds the best variant more often in the simulated comparison
    /// (Benchmarks/README.md, "Does the trainer find the best variant with fewer rollouts?"), and on the simulated
    /// demo (2026-12-07: default world seeds 0-9, HaluEval seeds 0-4) it ends at least as well as policy on every
    /// seed, but on the real model its choice was no better than policy's (Benchmarks/README.md, "Policy or
    /// halving, paired on the real model"), and the default's evidence must come from a real model.
    package var allocation: AllocationRule = .policy
    /// How the held-out gate spends its rollouts: `.sequential` looks at the comparison after
    /// ``minimumHeldOut`` experiences and at every doubling, and stops once the decision is clear; `.fixed` answers
    /// every held-out experience under both prompts. Default `.fixed`.
    package var gateSchedule: GateSchedule = .fixed
    /// The most candidates evolution adds to a job that asks for it (`evolve`) without naming its own bound.
    /// Default 4: one or two per cluster of a typical job, few enough that each still gets rollouts.
    package var maxEvolvedCandidates: Int = 4
    /// The fewest rollouts, and failing rollouts, of a parent on one cluster's experiences before evolution proposes
    /// a candidate from them. Default 3.
    package var evolutionEvidence: Int = 3
    /// Whether training caps a non-answer's reward at the logged answer's (``TrainingReward``). Default `true`;
    /// `false` trains on the reward itself, which the real-model benchmark uses to measure what the cap does.
    package var capsNonAnswers: Bool = true

    package init() {}

    /// The prior score of an unscored candidate at `index` of its cluster's list (``unscoredPriorStep``).
    package func unscoredPrior(at index: Int) -> Double {
        max(0, 1 - self.unscoredPriorStep * Double(index))
    }
}
