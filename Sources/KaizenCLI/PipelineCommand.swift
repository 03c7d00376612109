import ArgumentParser
import Configuration
import Foundation
import LanguageModels
import Pipeline
import PromptTraining
import Prompts
import Stages

/// `kaizen pipeline`: the whole loop as one job.
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "Run the whole improvement loop.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cluster, patch, rank, train and (when the gain is real) write a new prompt version.",
            discussion: """
                In this process by default; with --remote, against the four running services (same result for \
                the same seed). Writes an HTML report per run to reports/ beside the registry, and an index of them.

                Exits 1 when no interactions are logged under the base prompt (a wrong id or database: there is \
                nothing to learn from); exits 0 when they are logged but hold nothing to fix.
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

        @Flag(help: "Call the running services instead of running the stages here.")
        var remote = false

        @Option(help: "Failure-clustering service URL (with --remote).")
        var clusteringURL = "http://127.0.0.1:8011"
        @Option(help: "Patch-generator service URL (with --remote).")
        var patchGeneratorURL = "http://127.0.0.1:8012"
        @Option(help: "Ranker service URL (with --remote).")
        var rankerURL = "http://127.0.0.1:8013"
        @Option(help: "RL-trainer service URL (with --remote).")
        var trainerURL = "http://127.0.0.1:8014"

        @Flag(help: "Print the run as JSON.")
        var json = false

        func run() async throws {
            let environment = try KaizenEnvironment(options: self.global)
            let remote =
                self.remote
                ? RemoteBackend(
                    urls: .init(
                        clustering: self.clusteringURL, patchGenerator: self.patchGeneratorURL, ranker: self.rankerURL,
                        trainer: self.trainerURL),
                    token: environment.reader.string(forKey: "api.token", isSecret: true)) : nil
            // With --remote the trainer says which version the base is (it serves the registry the services share);
            // in process, the registry folder here does.
            let base: PromptVersion
            if let remote {
                try await remote.checkServices()
                base = try await remote.promptVersion(named: self.base)
            } else {
                base = try namedVersion(self.base, in: environment.registry)
            }
            if remote == nil,
                let unlogged = try await UnloggedPrompt.check(base.id.description, environment: environment)
            {
                throw unlogged
            }
            let model = try await self.models.makeCheckedModel(reader: environment.reader)
            let backend: any PipelineBackend
            if let remote {
                if self.judge.isGiven {
                    throw CommandFailure(
                        "--judge-model and --judge-base-url are the services' settings with --remote: start the "
                            + "rl-trainer service with them (or KAIZEN_JUDGE_MODEL)")
                }
                backend = remote
            } else {
                let rewardModel = try await self.judge.makeRewardModel(
                    reader: environment.reader, models: self.models)
                backend = try makeLocalBackend(environment: environment, model: model, rewardModel: rewardModel)
            }
            let printer = ProgressPrinter()
            let run = try await reportingStageErrors {
                try await PipelineRunner(backend: backend, configuration: self.pipeline.configuration)
                    .run(basePromptID: base.id.description, progress: printer.handle)
            }
            // What answered, as the trainer saw it: with --remote the services chose the model, not this process.
            let answeredBy = run.job?.result?.answeredBy
            let simulated = answeredBy?.simulated ?? (self.remote || model is Simulator)
            let modelName =
                answeredBy.map { $0.models.joined(separator: ", ") }
                ?? (self.remote ? "as configured on the services (unknown: nothing was trained)" : model.name)
            let report = PipelineReportBuilder.report(
                run: run, basePromptText: base.text, model: (modelName, simulated),
                data: "experiences served by \(base.id) in \(environment.databaseURL)")
            let path = try RunReports.write(
                report, run: run, simulated: simulated, registryPath: environment.registryPath)
            if self.json {
                say(try jsonString(run))
                return
            }
            say(PipelineSummary(run: run).rendered())
            say("report: \(path)")
            if simulated {
                say(
                    answeredBy == nil && self.remote
                        ? "note: the services' model is unknown (nothing was trained); do not read the figures as a real model's."
                        : "note: figures come from the built-in simulator; they exercise the machinery, not a real model."
                )
            }
        }
    }
}
