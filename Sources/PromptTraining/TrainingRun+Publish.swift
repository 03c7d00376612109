import Foundation
import LanguageModels
import Prompts
import RLTraining
import Verification

extension TrainingRun {
    /// The gate: why no version may be written (the outcome and a sentence for people), or `nil` when one may.
    /// In order: training kept the base prompt; too few held-out pairs for an interval; the gain's interval does not
    /// clear `min_gain`, or a sign-flip test of the paired differences does not (the interval alone is too narrow
    /// when the gain rests on a few experiences, `PairedBootstrap.signFlipPValue`); a guardrail got worse with
    /// confidence; the family already has a version with the result's text.
    func gate(_ comparison: HeldOutComparison) -> (outcome: TrainingResult.Outcome, message: String)? {
        let evaluation = comparison.evaluation
        let gain = evaluation.gain
        if comparison.keptBase {
            return (.noPatchChosen, "training preferred the base prompt for every cluster; nothing written")
        }
        if let refusal = self.gainRefusal(evaluation, differences: comparison.differences) { return refusal }
        let blocking = evaluation.guardrails.filter(\.blocked)
        guard blocking.isEmpty else {
            return (
                .blockedByGuardrail,
                String(
                    format:
                        "blocked by a guardrail: held-out gain %+.4f, 95%% interval [%.4f, %.4f], but %@%@; nothing written",
                    gain.estimate, gain.low, gain.high, blocking.map(\.sentence).joined(separator: "; "),
                    evaluation.guardrailExperiences > evaluation.experiences
                        ? " on \(evaluation.experiences) held-out experiences and \(evaluation.guardrailExperiences - evaluation.experiences) more logged successes"
                        : "")
            )
        }
        if let existing = self.trainer.registry.version(withText: comparison.resultPrompt, family: self.base.id.family)
        {
            return (
                .alreadyWritten,
                String(
                    format:
                        "already written: the trained prompt is %@'s text (held-out gain %+.4f, 95%% interval [%.4f, %.4f]); nothing written",
                    existing.description, gain.estimate, gain.low, gain.high)
            )
        }
        return nil
    }

    /// The gate's verdict on the gain alone: too few held-out pairs for an interval, the interval's low end not above
    /// `min_gain`, or the sign-flip test disagreeing; `nil` when the gain passes and only the guardrails (and the
    /// registry) remain. The evaluate step asks it too, before paying for the guardrails' extra sample.
    func gainRefusal(
        _ evaluation: HeldOutEvaluation, differences: [Double]
    ) -> (outcome: TrainingResult.Outcome, message: String)? {
        let gain = evaluation.gain
        let minGain = self.request.minGain ?? self.configuration.minGain
        guard evaluation.experiences >= self.configuration.minimumHeldOut else {
            let failed = evaluation.failedGenerations
            let failedNote = failed == 0 ? "" : " (\(failed) more left out: the model failed on them)"
            return (
                .tooLittleData,
                String(
                    format:
                        "too little data for the gate: %d held-out experiences%@, at least %d are needed for a 95%% interval (held-out gain %+.4f, not tested); log more interactions or raise held_out_fraction; nothing written",
                    evaluation.experiences, failedNote, self.configuration.minimumHeldOut, gain.estimate)
            )
        }
        guard gain.low > minGain else {
            return (
                .noSignificantImprovement,
                String(
                    format:
                        "no significant improvement: held-out gain %+.4f, 95%% interval [%.4f, %.4f], whose low end is not above min_gain %.4f; nothing written",
                    gain.estimate, gain.low, gain.high, minGain)
            )
        }
        let bootstrap = self.bootstrap
        let pValue = PairedBootstrap.signFlipPValue(of: differences, shift: minGain, configuration: bootstrap)
        guard pValue <= bootstrap.oneSidedLevel else {
            return (
                .noSignificantImprovement,
                String(
                    format:
                        "no significant improvement: held-out gain %+.4f, 95%% interval [%.4f, %.4f] above min_gain %.4f, but a sign-flip test of the %d paired differences gives p = %.4f, above %.3f (the gain rests on a few experiences); nothing written",
                    gain.estimate, gain.low, gain.high, minGain, differences.count, pValue, bootstrap.oneSidedLevel)
            )
        }
        return nil
    }

    /// Step 4, once the gate passed: writes the next version of the base prompt's family with its provenance.
    /// - Throws: the registry's errors.
    func publish(
        _ data: TrainingData, _ trained: TrainedPolicy, _ comparison: HeldOutComparison, jobID: String,
        now: () -> Date, progress: Progress
    ) async throws -> TrainingResult {
        let outcome = trained.outcome
        progress(
            TrainingProgress(
                phase: .writing, step: self.steps, steps: self.steps, rollouts: outcome.rollouts,
                tokens: outcome.tokens, curve: outcome.curve, plannedRollouts: trained.plannedRollouts,
                guardrailRollouts: data.guardrailRollouts))
        var result = self.result(data, trained, comparison, outcome: .written, message: "")
        let evaluation = comparison.evaluation
        let gain = evaluation.gain
        let primaryCluster = zip(data.clusterIDs, outcome.variant.choices).first { $0.1 != Variant.noPatch }?.0
        let metadata = VersionMetadata(
            rewardGain: Provenance.rounded(gain.estimate), clusterID: primaryCluster,
            provenance: self.provenance(result.patchIDs, trained, evaluation, jobID: jobID))
        let version = try await self.trainer.registry.createClaimingVersion(
            family: self.base.id.family, source: "rl_trainer", text: comparison.resultPrompt, metadata: metadata,
            now: now())
        result.promptID = version.id.description
        result.path = self.trainer.registry.directory.appendingPathComponent(version.id.fileName).path
        result.message = String(
            format:
                "wrote %@: held-out reward %.4f -> %.4f (gain %+.4f, 95%% interval [%.4f, %.4f]), hallucination rate %.3f -> %.3f",
            version.id.description, evaluation.baselineReward, evaluation.reward, gain.estimate, gain.low, gain.high,
            evaluation.hallucinationRateBefore, evaluation.hallucinationRateAfter)
        return result
    }

    /// The new version's provenance, figures rounded to six decimals.
    private func provenance(
        _ patchIDs: [String: String?], _ trained: TrainedPolicy, _ evaluation: HeldOutEvaluation, jobID: String
    ) -> Provenance {
        let outcome = trained.outcome
        let rounded = Provenance.rounded
        return Provenance(
            parentID: self.base.id.description,
            patchIDs: patchIDs,
            baselineReward: rounded(evaluation.baselineReward),
            reward: rounded(evaluation.reward),
            rewardGainInterval: Provenance.Interval(
                low: rounded(evaluation.gain.low), high: rounded(evaluation.gain.high)),
            hallucinationRate: Provenance.RateChange(
                before: rounded(evaluation.hallucinationRateBefore), after: rounded(evaluation.hallucinationRateAfter)),
            heldOut: evaluation.experiences,
            failedGenerations: outcome.failedRollouts + evaluation.failedGenerations,
            guardrails: Dictionary(uniqueKeysWithValues: evaluation.guardrails.map { ($0.name, $0.provenance) }),
            rollouts: outcome.rollouts + evaluation.rollouts,
            tokens: outcome.tokens + evaluation.tokens,
            seed: self.seed,
            model: self.trainer.model.name,
            servedModels: self.answerers.models,
            simulated: self.answerers.simulated,
            verifier: self.trainer.rewardModel.name,
            jobID: jobID,
            stopReason: outcome.stopReason.rawValue,
            evolution: trained.evolution, guardrailExperiences: evaluation.guardrailExperiences,
            allocation: self.allocation.rawValue, answersPerExperience: evaluation.answersPerExperience)
    }
}
