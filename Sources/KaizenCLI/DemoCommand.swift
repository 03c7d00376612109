import ArgumentParser
import DemoWorld
import Foundation
import Pipeline
import Verification

/// `kaizen demo`: the whole loop for several rounds on a world of its own (or on real interactions).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the improvement loop for several rounds on a generated world, and show what changed.",
        discussion: """
            Creates a working folder with its own store and registry, generates knowledge-grounded questions, \
            writes p_v1_1, logs interactions through the model (the simulator by default), then runs the pipeline \
            each round, logging the next round under the newest version. With --data, round 1 uses a file of real \
            interactions (HaluEval dialogue JSON Lines, or the experience format) instead.
            """)

    @OptionGroup var models: ModelOptions
    @OptionGroup var judge: JudgeOptions
    @OptionGroup var pipeline: PipelineOptions

    @Option(help: "Working folder (created; must not already hold a demo unless --fresh).")
    var dir = "kaizen-demo"

    @Flag(help: "Delete the working folder first.")
    var fresh = false

    @Option(help: "Rounds of log-then-improve.")
    var rounds = 3

    @Option(help: "Interactions logged per round.")
    var interactions = 240

    @Option(help: "Real interactions for round 1: HaluEval dialogue JSON Lines, or experience JSON Lines.")
    var data: String?

    @Option(help: "With --data: at most this many records.")
    var limit = 400

    @Option(help: "A text file with your own first prompt (p_v1_1); default: the world's own.")
    var basePromptFile: String?

    @Option(help: "Log level (KAIZEN_LOG_LEVEL).")
    var logLevel: String?

    func validate() throws {
        if !(1...20).contains(self.rounds) { throw ValidationError("--rounds must be between 1 and 20") }
        if !(20...20_000).contains(self.interactions) {
            throw ValidationError("--interactions must be between 20 and 20000")
        }
    }

    func run() async throws {
        let basePrompt = try self.basePromptFile.map(BasePromptFile.text(atPath:))
        try OutputFile.checkFolder(self.dir, option: "--dir")
        let folder = DemoFolder(path: self.dir)
        switch try folder.prepare(fresh: self.fresh) {
        case .ready:
            break
        case .holdsOtherFiles(let names):
            throw CommandFailure(
                "--fresh would delete \(folder.url.path), which holds more than a demo (\(names.joined(separator: ", ")))"
            )
        case .holdsDemo:
            throw CommandFailure("\(self.dir) already holds a demo; pass --fresh to start over, or another --dir")
        }
        var global = try GlobalOptions.parse([])
        global.databaseURL = folder.storePath
        global.registryPath = folder.registryPath
        global.logLevel = self.logLevel ?? "warning"
        let environment = try KaizenEnvironment(options: global)
        let store = try environment.openStore(creating: true)
        let model = try await self.models.makeCheckedModel(reader: environment.reader)
        let verifier = try Verifier()
        let rewardModel = try await self.judge.makeRewardModel(
            reader: environment.reader, models: self.models)
        let data = try self.data.map { path in
            let bytes = try InputFile.read(path, option: "--data")
            return (
                path: path,
                loaded: try DemoData(bytes, path: path, limit: self.limit, seed: self.pipeline.seed, verifier: verifier)
            )
        }
        let session = DemoSession(
            configuration: DemoSession.Configuration(
                rounds: self.rounds, interactions: self.interactions, pipeline: self.pipeline.configuration,
                logging: InteractionLogConfiguration(answerTokenScale: answerTokenScale(for: model))),
            data: data, basePrompt: basePrompt, store: store, registry: environment.registry, model: model,
            verifier: verifier, reportsURL: folder.reportsURL,
            makeBackend: { try makeLocalBackend(environment: environment, model: model, rewardModel: rewardModel) })
        let printer = DemoPrinter(folder: folder.url.path, model: model, dataPath: self.data)
        let outcome = try await session.run(events: printer.handle)
        printer.finish(outcome)
    }
}
