import ClusteringService
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Pipeline
import PromptTraining
import Prompts
import Stages
import Synchronization
import Testing
import TrainerService

/// `kaizen pipeline run --remote` reads its base version from the trainer, not from a registry folder of its own, so
/// a client on another machine needs no copy of it; a service that cannot be reached is named as such.
struct RemoteBaseVersionTests {
    @Test func theTrainerSaysWhichVersionABaseNames() async throws {
        let workspace = try await Workspace.make()
        defer { workspace.remove() }
        let newer = try workspace.registry.create(
            family: 1, source: "human", text: "SYSTEM: A newer version.", now: Workspace.fixedNow)
        let jobs = TrainingJobs(
            trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"),
            now: { Workspace.fixedNow })
        let stopped = try await PipelineTests.app(
            .rlTrainer, TrainerController(jobs: jobs, registry: workspace.registry).routes, services: [jobs]
        )
        .test(.live) { trainer in
            let url = "http://127.0.0.1:\(trainer.port!)"
            let backend = RemoteBackend(
                urls: .init(clustering: url, patchGenerator: url, ranker: url, trainer: url))
            #expect(try await backend.promptVersion(named: "latest") == newer)
            #expect(try await backend.promptVersion(named: "p_v1_latest") == newer)
            do {
                _ = try await backend.promptVersion(named: "p_v2_latest")
                Issue.record("a family with no version had a latest")
            } catch let error as RemoteStageError {
                #expect(error.status == 404 && error.detail.contains("family 2"), "\(error)")
            }
            #expect(try await backend.promptVersion(named: "p_v1_1") == workspace.registry.version(named: "p_v1_1"))
            do {
                _ = try await backend.promptVersion(named: "p_v1_9")
                Issue.record("an unknown version was found")
            } catch let error as RemoteStageError {
                #expect(error.status == 404 && error.detail.contains("p_v1_9"), "\(error)")
            }
            return url
        }
        // The same address once the trainer has stopped: the error says which service could not be reached.
        let unreachable = stopped
        do {
            _ = try await RemoteBackend(
                urls: .init(
                    clustering: unreachable, patchGenerator: unreachable, ranker: unreachable, trainer: unreachable)
            ).promptVersion(named: "latest")
            Issue.record("an unreachable trainer answered")
        } catch let error as RemoteStageError {
            #expect(error.status == nil, "\(error)")
            #expect(
                error.description.hasPrefix("could not reach \(stopped)/api/v1/prompts/latest"),
                "\(error)")
        }
    }

    /// A base nothing is logged under is an error that names it, as in process, not "nothing to fix" with exit 0.
    @Test func aBaseWithNoInteractionsIsNamedNotNothingToFix() async throws {
        let workspace = try await Workspace.make()
        defer { workspace.remove() }
        try await PipelineTests.app(.failureClustering, ClusteringController(stage: workspace.clustering).routes)
            .test(.live) { clustering in
                let url = "http://127.0.0.1:\(clustering.port!)"
                let runner = PipelineRunner(
                    backend: RemoteBackend(
                        urls: .init(clustering: url, patchGenerator: url, ranker: url, trainer: url)),
                    configuration: testConfiguration)
                do {
                    let run = try await runner.run(basePromptID: "p_v1_2")
                    Issue.record("a run on an unlogged base finished: \(run.summary)")
                } catch let error as RemoteStageError {
                    #expect(error.status == 404, "\(error)")
                    #expect(error.detail.hasPrefix("no interactions are logged under prompt p_v1_2"), "\(error)")
                    #expect(error.detail.contains("logged: p_v1_1"), "\(error)")
                }
            }
    }

    /// A stand-in trainer that accepts a job and reports it in `state` on every poll.
    static func trainer(port: Int, state: TrainingJob.State) -> some ApplicationProtocol {
        let job = TrainingJob(
            jobID: "job-1", state: .queued, createdAt: Workspace.fixedNow, updatedAt: Workspace.fixedNow,
            request: TrainingRequest(basePromptID: "p_v1_1", clusters: []), progress: nil, result: nil, error: nil)
        @Sendable func answer(_ state: TrainingJob.State) throws -> Response {
            var job = job
            job.state = state
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(job))))
        }
        let router = Router()
        router.post("api/v1/train") { _, _ in try answer(.queued) }
        router.get("api/v1/train/{id}") { _, _ in try answer(state) }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    }

    /// Polling a running job rides out a trainer that goes away and comes back on the same address, and gives up
    /// once the outage outlasts its tolerance.
    @Test(arguments: [true, false])
    func pollingRidesOutATrainerRestart(comesBack: Bool) async throws {
        let started = Mutex<Task<TrainingJob, any Error>?>(nil)
        let port = try await Self.trainer(port: 0, state: .running).test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let backend = RemoteBackend(
                urls: .init(clustering: url, patchGenerator: url, ranker: url, trainer: url),
                pollInterval: .milliseconds(50), pollOutageTolerance: comesBack ? .seconds(30) : .milliseconds(300))
            started.withLock { task in
                task = Task {
                    try await backend.train(TrainingRequest(basePromptID: "p_v1_1", clusters: []), progress: { _ in })
                }
            }
            try await Task.sleep(for: .milliseconds(300))  // a few polls answered "running"
            return client.port!
        }
        let task = try #require(started.withLock { $0 })
        try await Task.sleep(for: .seconds(1))  // polls refused: nothing listens
        if comesBack {
            // Back on the same address (the testing framework's live mode picks a port of its own).
            // The port may be briefly someone else's (another test's connection can take it as its own ephemeral
            // port), so the bind is tried again until it holds; the polls meanwhile are refused, as in an outage.
            let server = Task {
                while !Task.isCancelled {
                    do {
                        try await Self.trainer(port: port, state: .completed).runService(gracefulShutdownSignals: [])
                        return
                    } catch {
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
            }
            defer { server.cancel() }
            let job = try await task.value
            #expect(job.state == .completed)
        } else {
            do {
                _ = try await task.value
                Issue.record("polling went on past its tolerance")
            } catch let error as RemoteStageError {
                #expect(error.status == nil && error.description.hasPrefix("could not reach"), "\(error)")
            }
        }
    }
}
