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
    /// The paired reward differences (result − base) behind `evaluation`, for the gate's sign-flip test.
    var differences: [Double]
}

extension TrainingRun {
    /// Step 3: the base prompt and the trained result answer the held-out experiences with the same seeds
    /// (``heldOutAnswers`` answers each); the mean paired reward difference with its bootstrap interval, and every
    /// guardrail. Under ``GateSchedule/sequential`` the experiences are answered look by look and the step stops once
    /// the decision is clear.
    /// - Throws: ``TrainingRequestError`` with `modelFailed` when no held-out experience got both answers.
    func evaluate(
        _ data: TrainingData, _ trained: TrainedPolicy, progress: Progress
    ) async throws -> HeldOutComparison {
        let outcome = trained.outcome
        progress(
            TrainingProgress(
                phase: .evaluating, step: self.steps, steps: self.steps, rollouts: outcome.rollouts,
                tokens: outcome.tokens,
                curve: outcome.curve, plannedRollouts: trained.plannedRollouts,
                guardrailRollouts: data.guardrailRollouts))
        let resultPrompt = data.prompts.prompt(for: outcome.variant)
        let heldOut = data.split.heldOut
        // When training kept the base prompt everywhere, the "result" is the base prompt: score it once and compare
        // it with itself rather than paying for the same calls twice.
        let keptBase = outcome.variant.choices.allSatisfy { $0 == Variant.noPatch }
        let promptsToScore = keptBase ? [self.base.text] : [self.base.text, resultPrompt]
        let looks = self.looks(heldOut: heldOut.count, keptBase: keptBase)
        let answers = self.heldOutAnswers
        let callsPerExperience = promptsToScore.count * answers
        var scores = [Scored?]()
        var latest: (evaluation: HeldOutEvaluation, differences: [Double])?
        for (number, end) in looks.enumerated() {
            scores += try await self.scoreHeldOut(
                heldOut[scores.count / callsPerExperience..<end], promptsToScore, answers: answers)
            let comparison = self.compare(
                heldOut[..<end], scores: scores, promptCount: promptsToScore.count, answers: answers,
                looks: number + 1, plannedRollouts: heldOut.count * callsPerExperience)
            latest = comparison
            guard number < looks.count - 1, let comparison else { continue }
            if self.isDecided(comparison.evaluation, differences: comparison.differences, keptBase: keptBase) { break }
        }
        guard var latest else {
            throw TrainingRequestError.modelFailed(
                "the model failed on every held-out experience (\(heldOut.count)); last error: \(self.answerers.lastFailure ?? "none"); nothing written"
            )
        }
        // The gain passed (its interval and the sign-flip test), so only the guardrails stand between the result and
        // a written version: they also see the extra successes, where declining answerable requests shows (the gain
        // stays the held-out part's). A gain that does not pass is refused whatever they say, so their calls wait.
        let sample = data.guardrailSample
        if !keptBase, !sample.isEmpty, self.gainRefusal(latest.evaluation, differences: latest.differences) == nil {
            // Say where the job is: these calls can take minutes on a real model.
            progress(
                TrainingProgress(
                    phase: .evaluating, step: self.steps, steps: self.steps, rollouts: outcome.rollouts + scores.count,
                    tokens: outcome.tokens + latest.evaluation.tokens, curve: outcome.curve,
                    plannedRollouts: trained.plannedRollouts, guardrailRollouts: data.guardrailRollouts))
            // One answer each: these successes are there for breadth (where declining shows), not precision.
            let extra = try await self.scoreHeldOut(sample[...], promptsToScore, answers: 1)
            latest =
                self.compare(
                    heldOut[..<(scores.count / callsPerExperience)], scores: scores,
                    promptCount: promptsToScore.count, answers: answers,
                    looks: latest.evaluation.looks, plannedRollouts: latest.evaluation.plannedRollouts + extra.count,
                    guardrailSample: extra) ?? latest
        }
        return HeldOutComparison(
            resultPrompt: resultPrompt, keptBase: keptBase, evaluation: latest.evaluation,
            differences: latest.differences)
    }

    /// Where the gate looks, as numbers of held-out experiences: all of them under ``GateSchedule/fixed``; under
    /// ``GateSchedule/sequential`` ``TrainerConfiguration/minimumHeldOut`` and its doublings below the total, then
    /// the total (only the first look when training kept the base prompt: there is nothing to decide).
    func looks(heldOut: Int, keptBase: Bool) -> [Int] {
        guard self.configuration.gateSchedule == .sequential else { return [heldOut] }
        var looks = [Int]()
        var next = max(1, self.configuration.minimumHeldOut)
        while next < heldOut {
            looks.append(next)
            if keptBase { return looks }
            next *= 2
        }
        return looks + [heldOut]
    }

    /// Whether an interim look already decides (``GateSchedule/sequential``).
    private func isDecided(_ evaluation: HeldOutEvaluation, differences: [Double], keptBase: Bool) -> Bool {
        if keptBase { return true }
        guard evaluation.experiences >= self.configuration.minimumHeldOut else { return false }
        let minGain = self.request.minGain ?? self.configuration.minGain
        if evaluation.gain.high <= minGain || evaluation.guardrails.contains(where: \.blocked) { return true }
        var strictBootstrap = self.bootstrap
        strictBootstrap.confidence = 0.999
        return PairedBootstrap.mean(of: differences, configuration: strictBootstrap).low > minGain
    }

    /// The gate's bootstrap settings: the gain's and the guardrails' intervals and the sign-flip test use them all.
    var bootstrap: BootstrapConfiguration {
        BootstrapConfiguration(resamples: self.configuration.bootstrapResamples, seed: self.seed)
    }

    /// Both prompts (or the base prompt alone) on each of `experiences`, `answers` times: ordered by experience, then
    /// answer, then prompt. Answer `j` has the experience's seed of draw `j` under every prompt, so the answers stay
    /// paired; draw 0 is the seed a single answer always had.
    private func scoreHeldOut(
        _ experiences: ArraySlice<Experience>, _ prompts: [String], answers: Int
    ) async throws -> [Scored?] {
        let experiences = Array(experiences)
        let scorers = experiences.map { self.scorer(for: $0) }
        let callsPerExperience = prompts.count * answers
        return try await BoundedConcurrency.map(
            count: experiences.count * callsPerExperience, maxConcurrency: self.configuration.maxConcurrentRollouts
        ) { index in
            let experience = experiences[index / callsPerExperience]
            return try await self.score(
                prompt: prompts[index % prompts.count], experience: experience,
                scorer: scorers[index / callsPerExperience],
                seed: PromptTrainer.experienceSeed(
                    self.seed, experience.id, draw: index % callsPerExperience / prompts.count))
        }
    }

    /// The experiences of `scores` (ordered as ``scoreHeldOut(_:_:answers:)`` returns them; with one prompt scored,
    /// the candidate's scores are the baseline's) with at least one answer under every prompt, and each one's paired
    /// answers under the base prompt and the candidate. An answer whose generation failed under either prompt is left
    /// out with its partner (they must stay paired), and an experience with none left is left out.
    private static func pairs(
        _ scores: [Scored?], promptCount: Int, answers: Int
    ) -> (kept: [Int], baseline: [[Scored]], candidate: [[Scored]]) {
        var kept = [Int]()
        var baseline = [[Scored]]()
        var candidate = [[Scored]]()
        for experience in 0..<scores.count / (promptCount * answers) {
            let complete = (0..<answers).compactMap { answer -> [Scored]? in
                let start = (experience * answers + answer) * promptCount
                let prompts = scores[start..<start + promptCount].compactMap { $0 }
                return prompts.count == promptCount ? prompts : nil
            }
            guard !complete.isEmpty else { continue }
            kept.append(experience)
            baseline.append(complete.map { $0[0] })
            candidate.append(complete.map { $0[promptCount - 1] })
        }
        return (kept, baseline, candidate)
    }

    /// The comparison on the held-out experiences answered so far, with the paired reward differences (each
    /// experience's mean over its answers); `nil` when none got both answers. The guardrails are also checked on
    /// `guardrailSample`'s answers (the extra successes, one answer each), the gain on the held-out experiences alone.
    private func compare(
        _ heldOut: ArraySlice<Experience>, scores: [Scored?], promptCount: Int, answers: Int, looks: Int,
        plannedRollouts: Int, guardrailSample: [Scored?] = []
    ) -> (evaluation: HeldOutEvaluation, differences: [Double])? {
        let (kept, baseline, candidate) = Self.pairs(scores, promptCount: promptCount, answers: answers)
        guard !kept.isEmpty else { return nil }
        let extra = Self.pairs(guardrailSample, promptCount: promptCount, answers: 1)
        let bootstrap = self.bootstrap
        func means(_ experiences: [[Scored]], _ value: (Scored) -> Double) -> [Double] {
            experiences.map { answers in PromptTrainer.mean(answers.map(value)) }
        }
        let baselineRewards = means(baseline, \.verdict.reward)
        let candidateRewards = means(candidate, \.verdict.reward)
        let evaluation = HeldOutEvaluation(
            experiences: kept.count,
            baselineReward: PromptTrainer.mean(baselineRewards),
            reward: PromptTrainer.mean(candidateRewards),
            gain: PairedBootstrap.meanDifference(
                baseline: baselineRewards, candidate: candidateRewards, configuration: bootstrap),
            hallucinationRateBefore: PromptTrainer.mean(means(baseline) { $0.verdict.hallucination ? 1 : 0 }),
            hallucinationRateAfter: PromptTrainer.mean(means(candidate) { $0.verdict.hallucination ? 1 : 0 }),
            guardrails: Guardrails.check(
                baseline: (baseline + extra.baseline).map { $0.map { ($0.verdict, $0.words) } },
                candidate: (candidate + extra.candidate).map { $0.map { ($0.verdict, $0.words) } },
                configuration: self.configuration, bootstrap: bootstrap),
            rollouts: scores.count + guardrailSample.count,
            tokens: (scores + guardrailSample).reduce(0) { $0 + ($1?.tokens ?? 0) },
            failedGenerations: heldOut.count - kept.count,
            experienceIDs: kept.map { heldOut[heldOut.startIndex + $0].id }, looks: looks,
            plannedRollouts: plannedRollouts, guardrailExperiences: kept.count + extra.kept.count,
            answersPerExperience: answers)
        return (evaluation, zip(candidateRewards, baselineRewards).map { $0 - $1 })
    }
}
