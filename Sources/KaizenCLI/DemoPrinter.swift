import Foundation
import LanguageModels
import Pipeline
import Reporting

/// Prints what `kaizen demo` does: the session's events as they come (results on standard output, the pipeline's
/// progress on standard error), then the rounds' table and the headline.
final class DemoPrinter: Sendable {
    let folder: String
    let modelName: String
    let simulated: Bool
    /// The `--data` file, named in round 1's line.
    let dataPath: String?
    let progress = ProgressPrinter(prefix: "  ")

    init(folder: String, model: any LanguageModel, dataPath: String?) {
        self.folder = folder
        self.modelName = model.name
        self.simulated = model is Simulator
        self.dataPath = dataPath
    }

    func handle(_ event: DemoEvent) {
        switch event {
        case .started(let initialPromptID, let text, let data):
            say("working folder: \(self.folder)")
            say(
                "model: \(self.modelName)\(self.simulated ? " (simulated: exercises the machinery, not evidence a real model improved)" : "")"
            )
            say("data: \(data)")
            say("wrote \(initialPromptID): \(text)")
        case .replayingData(let round, let count, let promptID):
            say("")
            say("round \(round): \(count) real interactions from \(self.dataPath ?? "--data") under \(promptID)")
        case .logging(let round, let count, let promptID):
            say("")
            say("round \(round): logging \(count) interactions under \(promptID)")
        case .generationsFailed(let note):
            say("  \(note)")
        case .logged(let count, let seconds):
            // The simulator's time says nothing about a model, so only a real endpoint's rate is shown.
            guard !self.simulated else { return }
            say(
                String(
                    format: "  logged in %@ (%.2f interactions/s)", ProgressPrinter.duration(seconds),
                    Double(count) / seconds))
        case .pipeline(let event):
            self.progress.handle(event)
        case .roundFinished(let round):
            say(
                Self.roundTable(
                    round.row, failuresByType: round.failuresByType, clusteredFailures: round.clusteredFailures))
            say("  \(round.summary)")
            if let jobID = round.jobID {
                say(
                    "  training job \(jobID): re-evaluate its held-out set with `kaizen eval ... --held-out-of \(jobID)`"
                )
            }
            say("  report: \(round.reportPath)")
        }
    }

    /// The rounds' table, the headline, the demo's report and the registry's files.
    func finish(_ outcome: DemoOutcome) {
        say("")
        say("rounds:")
        say(
            Table(
                headers: [
                    "round", "prompt", "source", "interactions", "hallucination", "refusal", "unanswered",
                    "missed abstention", "incomplete", "mean reward", "version written",
                ],
                rows: outcome.rounds.map { row in
                    [
                        "\(row.round)", row.promptID, row.source ?? "-", "\(row.interactions)",
                        String(format: "%.3f", row.hallucinationRate), String(format: "%.3f", row.rate("refusal")),
                        String(format: "%.3f", row.rate("unanswered")),
                        String(format: "%.3f", row.rate("missed_abstention")),
                        String(format: "%.3f", row.rate("incomplete")), String(format: "%.3f", row.meanReward),
                        row.versionWritten ?? "-",
                    ]
                }
            ).rendered())
        if let comparison = outcome.comparison {
            say(comparison.headline)
        } else if outcome.rounds.count > 1 {
            say("no headline: no earlier round has the same source as the last, so no like-for-like comparison")
        }
        if let reportPath = outcome.reportPath { say("report: \(reportPath)") }
        say("registry: " + outcome.registryFiles.joined(separator: ", "))
    }

    /// The round's line: its rates, its failures by type, and its failures per cluster, saying when the clustering
    /// also held failures of earlier rounds under the same prompt.
    static func roundTable(_ row: PipelineReport.Round, failuresByType: [String: Int], clusteredFailures: Int) -> String
    {
        let types = failuresByType.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
        let clusters = row.failures.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key): \($0.value)" }
        let roundFailures = failuresByType.values.reduce(0, +)
        let scope =
            clusteredFailures > roundFailures
            ? "this round's \(roundFailures) failures per cluster (clustered with \(clusteredFailures - roundFailures) earlier failures under \(row.promptID))"
            : "this round's \(roundFailures) failures per cluster"
        return String(
            format:
                "  %@: hallucination rate %.3f, refusal rate %.3f, unanswered rate %.3f, mean reward %.3f; failures by type: %@\n  %@: %@",
            row.promptID, row.hallucinationRate, row.rate("refusal"), row.rate("unanswered"), row.meanReward,
            types.joined(separator: ", "), scope,
            clusters.isEmpty ? "-" : clusters.joined(separator: "; "))
    }
}
