import DemoWorld
import Experiences
import Foundation
import LanguageModels
import Pipeline
import Prompts
import Reporting
import Synchronization
import Testing
import Verification

/// `kaizen demo`'s loop as a library: its events, in order, carry everything the command prints.
struct DemoSessionTests {
    static func session(
        in workspace: Workspace, rounds: Int, data: (path: String, loaded: DemoData)? = nil
    )
        -> DemoSession
    {
        var pipeline = PipelineConfiguration()
        pipeline.seed = 3
        pipeline.steps = 1
        pipeline.groupSize = 2
        return DemoSession(
            configuration: DemoSession.Configuration(rounds: rounds, interactions: 40, pipeline: pipeline),
            data: data, basePrompt: nil, store: workspace.store, registry: workspace.registry, model: workspace.model,
            verifier: workspace.verifier, reportsURL: workspace.folder.appendingPathComponent("reports"),
            makeBackend: { try workspace.localBackend() })
    }

    static func workspace() throws -> Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-demo-\(UUID().uuidString)")
        return Workspace(
            folder: folder, store: InMemoryExperienceStore(), runs: InMemoryRunStore(),
            registry: PromptRegistry(directory: folder.appendingPathComponent("prompt_registry")),
            model: Simulator(), verifier: try Verifier())
    }

    /// A short name per event, to compare the order.
    static func name(_ event: DemoEvent) -> String? {
        switch event {
        case .started: "started"
        case .replayingData(let round, _, _): "data \(round)"
        case .logging(let round, _, _): "logging \(round)"
        case .generationsFailed: "failed"
        case .logged: "logged"
        case .pipeline(.finished): "pipeline finished"
        case .pipeline: nil
        case .roundFinished(let round): "round \(round.row.round) finished"
        }
    }

    @Test func roundsLogRunAndReportInOrder() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let seen = Mutex<[DemoEvent]>([])
        let outcome = try await Self.session(in: workspace, rounds: 2).run { event in seen.withLock { $0.append(event) }
        }
        let events = seen.withLock { $0 }
        #expect(
            events.compactMap(Self.name) == [
                "started", "logging 1", "logged", "pipeline finished", "round 1 finished",
                "logging 2", "logged", "pipeline finished", "round 2 finished",
            ])
        guard case .started(let initialID, let text, let data) = events.first else { return }
        #expect(initialID == "p_v1_1")
        #expect(text == DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 3)).initialPrompt)
        #expect(data.hasSuffix("(seed 3)"))
        #expect(outcome.rounds.map(\.round) == [1, 2])
        #expect(outcome.rounds.allSatisfy { $0.interactions == 40 && $0.source == "simulator" })
        #expect(try await workspace.store.statistics(failureThreshold: 0.5).total == 80)
        #expect(outcome.registryFiles.first == "p_v1_1.json")
        let reportPath = try #require(outcome.reportPath)
        #expect(FileManager.default.fileExists(atPath: reportPath))
        for case .roundFinished(let round) in events {
            #expect(FileManager.default.fileExists(atPath: round.reportPath))
            #expect(round.failuresByType.values.reduce(0, +) <= 40)
        }
    }

    @Test func aDataFileIsTheFirstRound() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let lines = (0..<30).map { index in
            #"{"id":"u\#(index)","input":"When does store \#(index) open?","context":"Stores open at 9.","response":"\#(index % 3 == 0 ? "At 7, says Ann Smith." : "At 9.")","success":\#(index % 3 != 0)}"#
        }.joined(separator: "\n")
        let data = try DemoData(Data(lines.utf8), path: "mine.jsonl", limit: 100, seed: 3, verifier: workspace.verifier)
        let seen = Mutex<[String]>([])
        let outcome = try await Self.session(in: workspace, rounds: 2, data: ("mine.jsonl", data)).run { event in
            if let name = Self.name(event) { seen.withLock { $0.append(name) } }
        }
        #expect(seen.withLock { $0 }.prefix(3) == ["started", "data 1", "pipeline finished"])
        #expect(outcome.rounds.map(\.source) == ["logged data", "simulator"])
        #expect(outcome.rounds.first?.interactions == 30)
    }
}
