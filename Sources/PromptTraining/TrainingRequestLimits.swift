/// The values a ``TrainingRequest`` may hold, in one place: ``PromptTrainer/validate(_:)`` refuses others, and the
/// trainer service's OpenAPI document states these same bounds, so the two cannot drift.
package enum TrainingRequestLimits {
    /// `group_size`: variants sampled per experience (G).
    package static let groupSize = 2...64
    /// `batch_size`: experiences per step (B).
    package static let batchSize = 1...256
    /// `steps`: GRPO steps.
    package static let steps = 1...2_000
    /// `budget.rollouts`: the cap on training rollouts.
    package static let rollouts = 1...Self.trainingRollouts
    /// `budget.tokens`: the cap on model tokens.
    package static let tokens = 1...1_000_000_000
    /// The training rollouts one job may plan, `steps × group_size × batch_size`, or `budget.rollouts` when that is
    /// lower: each rollout is a model call, so this bounds a job's work (the defaults plan 1,920; 10,000 steps of
    /// group 64 and batch 256, about 14 hours of CPU on a local model, planned 163,840,000).
    package static let trainingRollouts = 200_000
    /// `held_out_fraction` lies strictly between these (a gate needs both a train and a held-out part).
    package static let heldOutFraction: (above: Double, below: Double) = (0, 1)
    /// `held_out_answers`: answers each prompt gives to each held-out experience (two model calls each).
    package static let heldOutAnswers = 1...16
    /// `success_ratio`: successes sampled per targeted failure.
    package static let successRatio = 0.0...10.0
    /// `guardrail_successes`: extra successes the gate answers for the guardrails (two model calls each).
    package static let guardrailSuccesses = 0...1_000
    /// `max_evolved_candidates`: candidates evolution may add to one job (each is one more choice GRPO samples from
    /// the same budget, so more only thins the rollouts per choice).
    package static let evolvedCandidates = 1...16
}
