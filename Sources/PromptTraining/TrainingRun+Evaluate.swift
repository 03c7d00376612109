import ConcurrencyLimits
import Experiences
import Prompts
import RLTraining
import Verification

/// What the evaluate step gives the gate and the publish step.
struct HeldOutComparison: Sendable {
    /// The full text of the chosen variant.
    var resultPrompt: String
    /// Whether training kept the base prompt for every cluster (then the result was compared with itself).
    var keptBase: Bool
    var evaluation: HeldOutEvaluation
}

extension TrainingRun {
    /// Step 3: the base prompt and the trained result answer every held-out experience with the same seed; the mean
    /// paired reward difference with its bootstrap interval, and every guardrail.
    /// - Throws: ``TrainingRequestError`` with `modelFailed` when no held-out experience got both answers.
    func evaluate(
        _ data: TrainingData, _ trained: TrainedPolicy, progress: Progress
    ) async throws -> HeldOutComparison {
        let outcome = trained.outcome
        progress(
            TrainingProgress(
                phase: .evaluating, step: self.steps, steps: self.steps, rollouts: outcome.rollouts,
                tokens: outcome.tokens,
                curve: outcome.curve, plannedRollouts: trained.plannedRollouts))
        let resultPrompt = data.prompts.prompt(for: outcome.variant)
        let heldOut = data.split.heldOut
        let heldOutScorers = heldOut.map { self.trainer.rewardModel.scorer(for: $0) }
        // When training kept the base prompt everywhere, the "result" is the base prompt: score it once and compare
        // it with itself rather than paying for the same calls twice.
        let keptBase = outcome.variant.choices.allSatisfy { $0 == Variant.noPatch }
        let promptsToScore = keptBase ? [self.base.text] : [self.base.text, resultPrompt]
        let scores = try await BoundedConcurrency.map(
            count: heldOut.count * promptsToScore.count, maxConcurrency: self.configuration.maxConcurrentRollouts
        ) { index in
            let experience = heldOut[index / promptsToScore.count]
            return try await self.score(
                prompt: promptsToScore[index % promptsToScore.count], experience: experience,
                scorer: heldOutScorers[index / promptsToScore.count],
                seed: PromptTrainer.experienceSeed(self.seed, experience.id))
        }
        // Scores are interleaved by prompt; with one prompt scored, the candidate's scores are the baseline's. An
        // experience whose generation failed under either prompt leaves the comparison (it must stay paired).
        let kept = heldOut.indices.filter { experience in
            !scores[experience * promptsToScore.count..<(experience + 1) * promptsToScore.count].contains { $0 == nil }
        }
        let pairs = kept.map { experience in
            scores[experience * promptsToScore.count..<(experience + 1) * promptsToScore.count].compactMap { $0 }
        }
        guard !pairs.isEmpty else {
            throw TrainingRequestError.modelFailed(
                "the model failed on every held-out experience (\(heldOut.count)); last error: \(self.answerers.lastFailure ?? "none"); nothing written"
            )
        }
        let baseline = pairs.map { $0[0] }
        let candidate = pairs.map { $0[$0.count - 1] }
        let bootstrap = BootstrapConfiguration(resamples: self.configuration.bootstrapResamples, seed: self.seed)
        let evaluation = HeldOutEvaluation(
            experiences: pairs.count,
            baselineReward: PromptTrainer.mean(baseline.map(\.verdict.reward)),
            reward: PromptTrainer.mean(candidate.map(\.verdict.reward)),
            gain: PairedBootstrap.meanDifference(
                baseline: baseline.map(\.verdict.reward), candidate: candidate.map(\.verdict.reward),
                configuration: bootstrap),
            hallucinationRateBefore: PromptTrainer.mean(baseline.map { $0.verdict.hallucination ? 1 : 0 }),
            hallucinationRateAfter: PromptTrainer.mean(candidate.map { $0.verdict.hallucination ? 1 : 0 }),
            guardrails: Guardrails.check(
                baseline: baseline.map { ($0.verdict, $0.words) }, candidate: candidate.map { ($0.verdict, $0.words) },
                configuration: self.configuration, bootstrap: bootstrap),
            rollouts: scores.count,
            tokens: scores.reduce(0) { $0 + ($1?.tokens ?? 0) },
            failedGenerations: heldOut.count - pairs.count,
            experienceIDs: kept.map { heldOut[$0].id })
        return HeldOutComparison(resultPrompt: resultPrompt, keptBase: keptBase, evaluation: evaluation)
    }
}
