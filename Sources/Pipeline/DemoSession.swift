import DemoWorld
import Experiences
import FailureClustering
import Foundation
import LanguageModels
import Prompts
import Reporting
import Stages
import Verification

/// `kaizen demo`'s loop as a library: write the first version, then round after round log interactions under the
/// newest version, run the pipeline on them, and keep each round's figures and report.
///
/// It lives in `Pipeline`, not `DemoWorld`, because each round runs a ``PipelineRunner``; `DemoWorld` stays the
/// world and its logging, below the pipeline. Progress reaches the caller as ``DemoEvent``s; nothing is printed.
package struct DemoSession: Sendable {
    /// How many rounds, how many interactions, and how each round's pipeline runs.
    package struct Configuration: Sendable {
        /// Rounds of log-then-improve.
        package var rounds: Int
        /// Interactions logged per simulated round.
        package var interactions: Int
        /// The pipeline's settings; round `r` runs with seed `pipeline.seed &+ r`. `pipeline.seed` also seeds the
        /// world and the logging.
        package var pipeline: PipelineConfiguration
        /// How interactions are logged (concurrency, answer caps).
        package var logging: InteractionLogConfiguration

        /// Creates a configuration.
        package init(
            rounds: Int, interactions: Int, pipeline: PipelineConfiguration,
            logging: InteractionLogConfiguration = InteractionLogConfiguration()
        ) {
            self.rounds = rounds
            self.interactions = interactions
            self.pipeline = pipeline
            self.logging = logging
        }
    }

    let configuration: Configuration
    let data: (path: String, loaded: DemoData)?
    let basePrompt: String?
    let store: any ExperienceStore
    let registry: PromptRegistry
    let model: any LanguageModel
    let verifier: Verifier
    let reportsURL: URL
    let makeBackend: @Sendable () throws -> any PipelineBackend

    /// Creates a session.
    ///
    /// - Parameters:
    ///   - data: real interactions for round 1 (and the world of later rounds), with the file they came from;
    ///     `nil` generates a world from the seed.
    ///   - basePrompt: the first version's text; `nil` uses the world's own.
    ///   - makeBackend: a fresh in-process backend for each round's run, as each `kaizen pipeline run` gets one.
    package init(
        configuration: Configuration, data: (path: String, loaded: DemoData)?, basePrompt: String?,
        store: any ExperienceStore, registry: PromptRegistry, model: any LanguageModel, verifier: Verifier,
        reportsURL: URL, makeBackend: @escaping @Sendable () throws -> any PipelineBackend
    ) {
        self.configuration = configuration
        self.data = data
        self.basePrompt = basePrompt
        self.store = store
        self.registry = registry
        self.model = model
        self.verifier = verifier
        self.reportsURL = reportsURL
        self.makeBackend = makeBackend
    }

    /// Runs every round.
    ///
    /// - Throws: a registry, store or report-writing error; a stage's error; ``DemoWorldError`` when most of a
    ///   round's generations failed.
    package func run(events: @escaping @Sendable (DemoEvent) -> Void = { _ in }) async throws -> DemoOutcome {
        let seed = self.configuration.pipeline.seed
        let simulated = self.model is Simulator
        var world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: seed))
        var dataDescription =
            "a generated world of \(world.documents.count) documents and \(world.questions.count) questions (seed \(seed))"
        if let data = self.data {
            world = data.loaded.world
            dataDescription =
                "\(data.loaded.experiences.count) real interactions from \(data.path), then simulated rounds on their questions"
        }
        if let basePrompt = self.basePrompt { world.initialPrompt = basePrompt }
        let initial = try self.registry.create(family: 1, source: "human", text: world.initialPrompt)
        events(.started(initialPromptID: initial.id.description, text: initial.text, data: dataDescription))

        var rows: [PipelineReport.Round] = []
        var lastRun: PipelineRun?
        var current = initial
        for round in 1...self.configuration.rounds {
            let experiences: [Experience]
            if round == 1, let data = self.data {
                experiences = data.loaded.experiences
                events(.replayingData(round: round, count: experiences.count, promptID: current.id.description))
            } else {
                events(.logging(round: round, count: self.configuration.interactions, promptID: current.id.description))
                experiences = try await self.log(world: world, prompt: current, round: round, events: events)
            }
            _ = try await self.store.insert(experiences)
            let summary = RoundSummary(round: round, experiences: experiences)

            var pipeline = self.configuration.pipeline
            pipeline.seed = seed &+ UInt64(round)
            let run = try await PipelineRunner(backend: try self.makeBackend(), configuration: pipeline)
                .run(basePromptID: current.id.description, progress: { events(.pipeline($0)) })
            lastRun = run
            let clusterSizes = Self.roundClusterCounts(
                run.clustering?.result.clusters ?? [], roundIDs: Set(experiences.map(\.id)))
            let source =
                round == 1 && self.data != nil
                ? "logged data" : simulated ? "simulator" : "model \(self.model.name)"
            let row = PipelineReport.Round(
                round: round, promptID: current.id.description, interactions: summary.interactions,
                hallucinationRate: summary.hallucinationRate, meanReward: summary.meanReward,
                failures: clusterSizes.isEmpty ? summary.failuresByType : clusterSizes,
                versionWritten: run.writtenPromptID, failureModeRates: summary.failureModeRates, source: source)
            rows.append(row)
            let report = PipelineReportBuilder.report(
                run: run, basePromptText: current.text, model: (self.model.name, simulated), data: dataDescription)
            let reportPath = try self.write(report, name: "round-\(round).html")
            events(
                .roundFinished(
                    DemoRound(
                        row: row, failuresByType: summary.failuresByType,
                        clusteredFailures: run.clustering?.result.failureCount ?? 0, summary: run.summary,
                        jobID: run.job.flatMap { $0.result == nil ? nil : $0.jobID }, reportPath: reportPath)))
            if let written = run.writtenPromptID {
                current = try self.registry.version(named: written)
            }
        }

        var reportPath: String?
        if let lastRun {
            let report = PipelineReportBuilder.report(
                run: lastRun, basePromptText: (try? self.registry.version(named: lastRun.basePromptID).text) ?? "",
                model: (self.model.name, simulated), data: dataDescription, rounds: rows)
            reportPath = try self.write(report, name: "demo.html")
        }
        return DemoOutcome(
            rounds: rows, comparison: RoundComparison(rounds: rows), reportPath: reportPath,
            registryFiles: try self.registry.ids().map(\.fileName))
    }

    /// Logs one simulated round under `prompt`, saying how many generations failed and how long it took.
    private func log(
        world: DemoWorld, prompt: PromptVersion, round: Int, events: @Sendable (DemoEvent) -> Void
    )
        async throws -> [Experience]
    {
        let failures = FailedGenerations()
        let started = ContinuousClock.now
        let experiences = try await world.logExperiences(
            prompt: (id: prompt.id.description, text: prompt.text), round: round,
            count: self.configuration.interactions, model: self.model, verifier: self.verifier,
            seed: self.configuration.pipeline.seed, configuration: self.configuration.logging,
            skipped: { _, error in failures.add(error) })
        if let note = failures.note(of: self.configuration.interactions) { events(.generationsFailed(note)) }
        let seconds = Double((ContinuousClock.now - started).components.seconds) + 0.001
        events(.logged(count: experiences.count, seconds: seconds))
        return experiences
    }

    /// This round's failures per cluster (`cluster_1 (label)` → count): the pipeline clusters every failure logged
    /// under the prompt, earlier rounds' included, so a cluster's size is not this round's count.
    package static func roundClusterCounts(_ clusters: [FailureCluster], roundIDs: Set<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for cluster in clusters {
            let count = cluster.memberIDs.reduce(0) { $0 + (roundIDs.contains($1) ? 1 : 0) }
            if count > 0 { counts["\(cluster.clusterID) (\(cluster.label))", default: 0] += count }
        }
        return counts
    }

    /// Writes an HTML report into the reports folder and returns its path.
    private func write(_ report: PipelineReport, name: String) throws -> String {
        try FileManager.default.createDirectory(at: self.reportsURL, withIntermediateDirectories: true)
        let url = self.reportsURL.appendingPathComponent(name)
        try Data(HTMLReport.render(report).utf8).write(to: url, options: .atomic)
        return url.path
    }
}
