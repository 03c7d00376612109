import Foundation
import HTTPSupport
import HummingbirdTesting
import Logging
import Pipeline
import Prompts
import Stages
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
}
