import Experiences
import Foundation
import Logging
import Pipeline
import PromptTraining
import ServiceLifecycle
import Stages
import Testing

/// A training job reads the same in the run store whether the in-process pipeline or the trainer service ran it:
/// both record it through ``TrainingJobRecorder``.
@Suite(.timeLimit(.minutes(10)))
struct TrainingJobRecordTests {
    @Test func thePipelineAndTheServiceStoreTheSameJobAlike() async throws {
        let pipeline = try await Workspace.make()
        defer { pipeline.remove() }
        let run = try await PipelineRunner(backend: try pipeline.localBackend(), configuration: testConfiguration)
            .run(basePromptID: "p_v1_1")
        let request = try #require(run.job?.request, "\(run.summary)")
        let byPipeline = try #require(try await pipeline.runs.runs(kind: TrainingJobRecorder.runKind, limit: 2).first)

        let service = try await Workspace.make()
        defer { service.remove() }
        let logger = Logger(label: "test")
        let jobs = TrainingJobs(
            trainer: service.trainer(), runs: service.runs, logger: logger, now: { Workspace.fixedNow })
        // Recover first, so the service's start-up does not mark the job queued below as interrupted.
        try await jobs.recoverInterruptedJobs()
        let group = ServiceGroup(services: [jobs], logger: logger)
        let running = Task { try await group.run() }
        let queued = try await jobs.start(request)
        let finished = try #require(await jobs.waitForCompletion(queued.jobID))
        await group.triggerGracefulShutdown()
        try await running.value
        let byService = try #require(try await service.runs.run(kind: TrainingJobRecorder.runKind, id: finished.jobID))

        #expect(byPipeline.id == byService.id)
        #expect(byPipeline.state == "completed" && byService.state == "completed")
        // Each workspace's registry is a folder of its own; everything else is the same, the final progress included.
        #expect(try Self.withoutRegistryPath(byPipeline.body) == Self.withoutRegistryPath(byService.body))
        let progress = try #require(try TrainingJob(byPipeline).progress)
        #expect(progress.phase == .done)
        #expect(progress.curve == run.job?.result?.training.curve)
    }

    /// The stored job's JSON with `result.path` (the version file's location) removed.
    static func withoutRegistryPath(_ body: Data) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        var result = try #require(object["result"] as? [String: Any])
        result["path"] = nil
        object["result"] = result
        return object as NSDictionary
    }
}
