import Experiences
import FailureClustering
import Foundation
import PatchGeneration
import PatchRanking
import PromptTraining
import Prompts
import RLTraining
import Reporting
import Stages

/// Turns a pipeline run into the report a person reads (and, for the demo, adds the rounds).
package enum PipelineReportBuilder {
    /// - Parameters:
    ///   - run: What the pipeline did.
    ///   - basePromptText: The base prompt's text.
    ///   - model: The model's name, and whether it is the simulator.
    ///   - data: One line on where the experiences came from.
    package static func report(
        run: PipelineRun, basePromptText: String, model: (name: String, simulated: Bool), data: String,
        rounds: [PipelineReport.Round] = []
    ) -> PipelineReport {
        let result = run.job?.result
        let clusters = (run.clustering?.result.clusters ?? []).map { cluster -> PipelineReport.Cluster in
            let target = run.targets.first { $0.clusterID == cluster.clusterID }
            var candidates: [PipelineReport.Candidate] = []
            if let target {
                candidates = target.ranking.ranked.map { ranked in
                    PipelineReport.Candidate(
                        patchID: ranked.patchID, strategy: ranked.candidate.strategy,
                        patchText: ranked.candidate.patchText, explanation: ranked.candidate.explanation,
                        criteria: .init(
                            hallucinationReduction: ranked.criteria.hallucinationReduction,
                            clarity: ranked.criteria.clarity, lengthSafety: ranked.criteria.lengthSafety,
                            clusterSeverity: ranked.criteria.clusterSeverity),
                        score: ranked.score, rank: ranked.rank, selected: ranked.patchID == target.ranking.selected)
                }
                for excluded in target.ranking.excluded {
                    let generated = target.generation.candidates.first { $0.patchID == excluded.patchID }
                    candidates.append(
                        PipelineReport.Candidate(
                            patchID: excluded.patchID, strategy: excluded.strategy,
                            patchText: generated?.patchText ?? "",
                            explanation: generated?.explanation ?? "",
                            excludedReason: excluded.reasons.joined(separator: "; ")))
                }
            }
            return PipelineReport.Cluster(
                id: cluster.clusterID, size: cluster.size, share: cluster.share, severity: cluster.severity,
                label: cluster.label, topTerms: cluster.topTerms.map(\.term),
                failureTypes: Dictionary(cluster.failureTypes.map { ($0.failureType, $0.count) }, uniquingKeysWith: +),
                representatives: cluster.representatives.map {
                    .init(id: $0.id, input: $0.input, response: $0.response, distance: $0.distance)
                },
                candidates: candidates)
        }
        var training: PipelineReport.Training?
        var evaluation: PipelineReport.Evaluation?
        if let result, let job = run.job {
            training = PipelineReport.Training(
                curve: result.training.curve.map {
                    .init(
                        step: $0.step, meanReward: $0.meanReward, klDivergence: $0.klDivergence,
                        zeroSpreadShare: $0.zeroSpreadShare, rollouts: $0.rollouts)
                },
                stopReason: result.training.stopReason.rawValue, rollouts: result.training.rollouts,
                tokens: result.training.tokens,
                policy: zip(job.request.clusters, result.training.probabilities).map { choices, probabilities in
                    // Evolved candidates follow the given ones in the order they were made.
                    let evolved = (result.evolution?.candidates ?? []).filter {
                        $0.clusterID == choices.cluster.clusterID
                    }
                    let ids: [String?] =
                        [nil] + choices.candidates.map { $0.candidate.patchID } + evolved.map(\.patchID)
                    return .init(
                        clusterID: choices.cluster.clusterID,
                        choices: zip(ids, probabilities).map { .init(patchID: $0, probability: $1) })
                })
            let gain = result.evaluation.gain
            evaluation = PipelineReport.Evaluation(
                heldOut: result.evaluation.experiences, baselineReward: result.evaluation.baselineReward,
                reward: result.evaluation.reward,
                gain: .init(estimate: gain.estimate, low: gain.low, high: gain.high, confidence: gain.confidence),
                hallucinationRateBefore: result.evaluation.hallucinationRateBefore,
                hallucinationRateAfter: result.evaluation.hallucinationRateAfter,
                guardrails: result.evaluation.guardrails.map { check in
                    let difference = check.difference
                    return .init(
                        name: check.name, before: check.before, after: check.after,
                        difference: .init(
                            estimate: difference.estimate, low: difference.low, high: difference.high,
                            confidence: difference.confidence),
                        blocked: check.blocked)
                }, guardrailExperiences: result.evaluation.guardrailExperiences,
                answersPerExperience: result.evaluation.answersPerExperience)
        }
        let outcome = PipelineReport.Outcome(
            written: result?.promptID != nil, promptID: result?.promptID, path: result?.path,
            promptText: result?.promptID != nil ? result?.promptText : nil,
            reason: result?.promptID != nil ? nil : run.summary)
        var notes = run.skipped.map { "\($0.clusterID) not patched: \($0.reason)" }
        if let job = run.job { notes.append("training job \(job.jobID) (\(job.state.rawValue)), seed \(run.seed)") }
        return PipelineReport(
            title: rounds.first.map {
                "Kaizen demo: \(rounds.count) round\(rounds.count == 1 ? "" : "s") from \($0.promptID)"
            }
                ?? "Kaizen pipeline run on \(run.basePromptID)",
            generatedAt: RFC3339.string(from: run.finishedAt),
            basePrompt: .init(id: run.basePromptID, text: basePromptText),
            model: .init(name: model.name, simulated: model.simulated),
            data: data, clusters: clusters, training: training, evaluation: evaluation, outcome: outcome,
            rounds: rounds, notes: notes)
    }
}
