import ArgumentParser
import FailureClustering
import Foundation
import LanguageModels
import Pipeline
import Prompts
import Stages

/// `kaizen train`: patch, rank and train over the clusters of a stored clustering run.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train over candidate patches for stored clusters; write a version only when the gain is real.",
        discussion: """
            Takes the clusters of a `kaizen cluster` run, generates and ranks candidates for each, runs GRPO over \
            the choices with a progress bar, compares the result with the base prompt on held-out experiences, \
            and writes the next version of the base prompt's family when the gain's 95% interval clears \
            --min-gain. Prints a summary table.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var models: ModelOptions
    @OptionGroup var judge: JudgeOptions
    @OptionGroup var pipeline: PipelineOptions

    @Option(
        help:
            "The prompt version to improve, e.g. p_v1_1, p_v1_latest (family 1's highest version), or latest (the highest family's, as /api/v1/prompts/latest serves it)."
    )
    var base: String

    @Option(help: "Clustering run id (from `kaizen cluster`).")
    var clustering: String

    @Option(help: "Comma-separated cluster ids (default: the most severe ones).")
    var clusters: String?

    func run() async throws {
        let environment = try KaizenEnvironment(options: self.global)
        let base = try namedVersion(self.base, in: environment.registry)
        let model = try await self.models.makeCheckedModel(reader: environment.reader)
        let rewardModel = try await self.judge.makeRewardModel(
            reader: environment.reader, models: self.models)
        let backend = try makeLocalBackend(environment: environment, model: model, rewardModel: rewardModel)
        let store = try environment.openStore()
        let stored = try await reportingStageErrors {
            do {
                return try await ClusteringStage(store: store, runs: store).run(id: self.clustering)
            } catch let error as ClusteringStageError {
                throw CommandFailure(error.description)
            }
        }
        let wanted = self.clusters.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        if let wanted {
            let known = Set(stored.result.clusters.map(\.clusterID))
            let unknown = wanted.subtracting(known)
            if !unknown.isEmpty {
                throw CommandFailure(stored.missingClusters(Array(unknown)))
            }
        }
        let run = try await reportingStageErrors {
            try await PipelineRunner(backend: backend, configuration: self.pipeline.configuration).run(
                basePromptID: base.id.description, existingClustering: stored, clusterIDs: wanted,
                progress: ProgressPrinter().handle)
        }
        say(PipelineSummary(run: run).rendered())
        if model is Simulator {
            say("note: figures come from the built-in simulator; they exercise the machinery, not a real model.")
        }
    }
}
