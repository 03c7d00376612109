import ArgumentParser
import ClusteringService
import DemoWorld
import Experiences
import FailureClustering
import Foundation
import LanguageModels
import Pipeline
import Prompts
import Reporting
import Stages
import Synchronization
import TrainerService
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
        if !(20...20_000).contains(self.interactions) { throw ValidationError("--interactions must be between 20 and 20000") }
    }

    func run() async throws {
        let basePrompt = try self.basePromptFile.map(BasePromptFile.text(atPath:))
        let folder = URL(fileURLWithPath: self.dir, isDirectory: true)
        if self.fresh, let contents = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            // Only a folder that holds nothing but a previous demo is deleted, so a mistyped --dir loses no data.
            let demoFiles: Set = ["experiences.sqlite", "experiences.sqlite-wal", "experiences.sqlite-shm", "prompt_registry", "reports"]
            let foreign = contents.filter { !demoFiles.contains($0) }
            guard foreign.isEmpty else {
                throw CommandFailure(
                    "--fresh would delete \(folder.path), which holds more than a demo (\(foreign.prefix(3).joined(separator: ", ")))")
            }
            try FileManager.default.removeItem(at: folder)
        }
        let registryPath = folder.appendingPathComponent("prompt_registry").path
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: registryPath), !existing.isEmpty {
            throw CommandFailure("\(self.dir) already holds a demo; pass --fresh to start over, or another --dir")
        }
        var global = try GlobalOptions.parse([])
        global.databaseURL = folder.appendingPathComponent("experiences.sqlite").path
        global.registryPath = registryPath
        global.logLevel = self.logLevel ?? "warning"
        let environment = KaizenEnvironment(options: global)
        let store = try environment.openStore()
        let registry = environment.registry
        let model = try await self.models.makeCheckedModel(reader: environment.reader)
        let verifier = try Verifier()
        let seed = self.pipeline.seed

        // The world, the first prompt, and the first round's interactions.
        var world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: seed))
        var firstRound: [Experience]?
        var dataDescription = "a generated world of \(world.documents.count) documents and \(world.questions.count) questions (seed \(seed))"
        if let path = self.data {
            let loaded = try Self.loadData(path: path, limit: self.limit, seed: seed, verifier: verifier)
            firstRound = loaded.experiences
            if let dialogueWorld = loaded.world { world = dialogueWorld }
            dataDescription = "\(loaded.experiences.count) real interactions from \(path), then simulated rounds on their questions"
        }
        if let basePrompt { world.initialPrompt = basePrompt }
        let initial = try registry.create(family: 1, source: "human", text: world.initialPrompt)
        say("working folder: \(folder.path)")
        say("model: \(model.name)\(model is Simulator ? " (simulated: exercises the machinery, not evidence a real model improved)" : "")")
        say("data: \(dataDescription)")
        say("wrote \(initial.id): \(initial.text)")

        var rows: [PipelineReport.Round] = []
        var lastRun: PipelineRun?
        var current = initial
        for round in 1...self.rounds {
            say("")
            if round == 1, let firstRound {
                say("round 1: \(firstRound.count) real interactions from \(self.data ?? "--data") under \(current.id)")
            } else {
                say("round \(round): logging \(self.interactions) interactions under \(current.id)")
            }
            let experiences: [Experience]
            if round == 1, let firstRound {
                experiences = firstRound
            } else {
                let skips = SkipCounter()
                let started = ContinuousClock.now
                experiences = try await world.logExperiences(
                    prompt: (id: current.id.description, text: current.text), round: round,
                    count: self.interactions, model: model, verifier: verifier, seed: seed,
                    configuration: InteractionLogConfiguration(answerTokenScale: answerTokenScale(for: model)),
                    skipped: { _, error in skips.add(error) })
                if let note = skips.note(of: self.interactions) { say("  \(note)") }
                if !(model is Simulator) {
                    let seconds = Double((ContinuousClock.now - started).components.seconds) + 0.001
                    say(String(
                        format: "  logged in %@ (%.2f interactions/s)", ProgressPrinter.duration(seconds),
                        Double(experiences.count) / seconds))
                }
            }
            _ = try await store.insert(experiences)
            let summary = RoundSummary(round: round, experiences: experiences)

            var configuration = self.pipeline.configuration
            configuration.seed = seed &+ UInt64(round)
            let run = try await PipelineRunner(
                backend: try makeLocalBackend(environment: environment, model: model), configuration: configuration
            ).run(basePromptID: current.id.description, progress: ProgressPrinter(prefix: "  ").handle)
            lastRun = run
            let clusterSizes = Self.roundClusterCounts(
                run.clustering?.result.clusters ?? [], roundIDs: Set(experiences.map(\.id)))
            let source = round == 1 && firstRound != nil
                ? "logged data" : model is Simulator ? "simulator" : "model \(model.name)"
            rows.append(PipelineReport.Round(
                round: round, promptID: current.id.description, interactions: summary.interactions,
                hallucinationRate: summary.hallucinationRate, meanReward: summary.meanReward,
                failures: clusterSizes.isEmpty ? summary.failuresByType : clusterSizes,
                versionWritten: run.writtenPromptID, failureModeRates: summary.failureModeRates, source: source))
            say(Self.roundTable(
                rows.last!, failuresByType: summary.failuresByType,
                clusteredFailures: run.clustering?.result.failureCount ?? 0))
            let report = PipelineReportBuilder.report(
                run: run, basePromptText: current.text, model: (model.name, model is Simulator), data: dataDescription)
            let path = try writeReport(report, registryPath: registryPath, name: "round-\(round).html")
            say("  \(run.summary)")
            if let job = run.job, job.result != nil {
                say("  training job \(job.jobID): re-evaluate its held-out set with `kaizen eval ... --held-out-of \(job.jobID)`")
            }
            say("  report: \(path)")
            if let written = run.writtenPromptID {
                current = try registry.version(named: written)
            }
        }

        say("")
        say("rounds:")
        say(Table(
            headers: [
                "round", "prompt", "source", "interactions", "hallucination", "refusal", "unanswered",
                "missed abstention", "incomplete", "mean reward", "version written",
            ],
            rows: rows.map { row in
                [
                    "\(row.round)", row.promptID, row.source ?? "-", "\(row.interactions)",
                    String(format: "%.3f", row.hallucinationRate), String(format: "%.3f", row.rate("refusal")),
                    String(format: "%.3f", row.rate("unanswered")), String(format: "%.3f", row.rate("missed_abstention")),
                    String(format: "%.3f", row.rate("incomplete")), String(format: "%.3f", row.meanReward),
                    row.versionWritten ?? "-",
                ]
            }
        ).rendered())
        if let comparison = RoundComparison(rounds: rows) {
            say(comparison.headline)
        } else if rows.count > 1 {
            say("no headline: no earlier round has the same source as the last, so no like-for-like comparison")
        }
        if let lastRun {
            let report = PipelineReportBuilder.report(
                run: lastRun, basePromptText: (try? registry.version(named: lastRun.basePromptID).text) ?? "",
                model: (model.name, model is Simulator), data: dataDescription, rounds: rows)
            say("report: \(try writeReport(report, registryPath: registryPath, name: "demo.html"))")
        }
        say("registry: " + (try registry.ids().map(\.fileName).joined(separator: ", ")))
    }

    /// Counts the interactions whose generation failed, for one line after the round's logging.
    final class SkipCounter: Sendable {
        private let state = Mutex<(count: Int, first: String?)>((0, nil))

        func add(_ error: any Error) {
            self.state.withLock { state in
                state.count += 1
                if state.first == nil { state.first = "\(error)" }
            }
        }

        func note(of total: Int) -> String? {
            self.state.withLock { state in
                state.first.map { "\(state.count) of \(total) generations failed and were left out; the first: \($0)" }
            }
        }
    }

    /// This round's failures per cluster (`cluster_1 (label)` → count): the pipeline clusters every failure logged
    /// under the prompt, earlier rounds' included, so a cluster's size is not this round's count.
    static func roundClusterCounts(_ clusters: [FailureCluster], roundIDs: Set<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for cluster in clusters {
            let count = cluster.memberIDs.reduce(0) { $0 + (roundIDs.contains($1) ? 1 : 0) }
            if count > 0 { counts["\(cluster.clusterID) (\(cluster.label))", default: 0] += count }
        }
        return counts
    }

    /// The round's line: its rates, its failures by type, and its failures per cluster, saying when the clustering
    /// also held failures of earlier rounds under the same prompt.
    static func roundTable(_ row: PipelineReport.Round, failuresByType: [String: Int], clusteredFailures: Int) -> String {
        let types = failuresByType.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
        let clusters = row.failures.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key): \($0.value)" }
        let roundFailures = failuresByType.values.reduce(0, +)
        let scope = clusteredFailures > roundFailures
            ? "this round's \(roundFailures) failures per cluster (clustered with \(clusteredFailures - roundFailures) earlier failures under \(row.promptID))"
            : "this round's \(roundFailures) failures per cluster"
        return String(
            format: "  %@: hallucination rate %.3f, refusal rate %.3f, unanswered rate %.3f, mean reward %.3f; failures by type: %@\n  %@: %@",
            row.promptID, row.hallucinationRate, row.rate("refusal"), row.rate("unanswered"), row.meanReward,
            types.joined(separator: ", "), scope,
            clusters.isEmpty ? "-" : clusters.joined(separator: "; "))
    }

    /// Real interactions for round 1, and (for HaluEval) their questions as the world of later rounds.
    static func loadData(path: String, limit: Int, seed: UInt64, verifier: Verifier) throws
        -> (experiences: [Experience], world: DemoWorld?)
    {
        let data = try InputFile.read(path, option: "--data")
        let text = String(decoding: data, as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        if firstLine.contains("\"knowledge\"") && firstLine.contains("\"hallucinated_response\"") {
            let dialogue = try HaluEvalDialogue(jsonLines: text, limit: limit, seed: seed)
            return (dialogue.experiences(verifier: verifier, round: 1, seed: seed), dialogue.world)
        }
        let parsed = ExperienceImporter().parse(data)
        guard parsed.issues.isEmpty else {
            throw CommandFailure("\(path): " + parsed.issues.prefix(5).map(\.description).joined(separator: "; "))
        }
        let experiences = parsed.experiences.prefix(limit).map { experience -> Experience in
            var experience = experience
            experience.promptID = DemoWorld.initialPromptID
            return experience
        }
        let questions = experiences.map { experience in
            DemoQuestion(
                id: experience.id, documentID: "data", topic: "imported", input: experience.input,
                context: experience.context ?? "",
                reference: experience.reference, kind: experience.metadata["kind"]?.stringValue ?? "answerable",
                format: experience.metadata["format"]?.stringValue)
        }
        let world = DemoWorld(
            name: "the imported interactions",
            initialPrompt: "SYSTEM: You are a helpful assistant for our customers. Answer their questions.",
            documents: [], questions: questions)
        return (Array(experiences), world)
    }
}
