import ClusteringService
import Experiences
import Foundation
import PatchGeneration
import PatchRanking
import PatchServices
import PromptTraining
import TrainerService

/// The stages in this process, on one store and one registry.
package struct LocalBackend: PipelineBackend {
    let clustering: ClusteringStage
    let patches: PatchStages
    let trainer: PromptTrainer
    let runs: any RunStore
    let now: @Sendable () -> Date

    package init(
        clustering: ClusteringStage, patches: PatchStages, trainer: PromptTrainer, runs: any RunStore,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clustering = clustering
        self.patches = patches
        self.trainer = trainer
        self.runs = runs
        self.now = now
    }

    package func cluster(_ request: ClusterRequest) async throws -> ClusteringRun {
        try await self.clustering.cluster(request)
    }

    package func generatePatches(_ request: GeneratePatchesRequest) async throws -> PatchGenerationResult {
        try await self.patches.generate(request)
    }

    package func rank(_ request: RankRequest) async throws -> RankResult {
        try await self.patches.rank(request)
    }

    /// Runs the job here and records it in the run store, as the trainer service would.
    package func train(_ request: TrainingRequest, progress: @escaping @Sendable (TrainingProgress) -> Void)
        async throws -> TrainingJob
    {
        let id = try await RunIDs.next(prefix: "job", content: try request.identity(), kind: TrainingJobs.runKind, in: self.runs)
        let started = self.now()
        var job = TrainingJob(
            jobID: id, state: .running, createdAt: started, updatedAt: started, request: request, progress: nil,
            result: nil, error: nil)
        do {
            let result = try await self.trainer.run(request, jobID: id, now: self.now, progress: progress)
            job.state = .completed
            job.result = result
        } catch {
            job.state = error is CancellationError ? .cancelled : .failed
            job.error = String(describing: error)
            job.updatedAt = self.now()
            try await self.save(job)
            throw error
        }
        job.updatedAt = self.now()
        try await self.save(job)
        return job
    }

    private func save(_ job: TrainingJob) async throws {
        try await self.runs.save(try job.storedRun())
    }
}
