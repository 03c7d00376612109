import Experiences
import Foundation
import PatchGeneration
import PatchRanking
import PromptTraining
import Stages
import Synchronization

/// The stages in this process, on one store and one registry.
package struct LocalBackend: PipelineBackend {
    let clustering: ClusteringStage
    let patches: PatchStages
    let trainer: PromptTrainer
    let jobs: TrainingJobRecorder
    let now: @Sendable () -> Date

    package init(
        clustering: ClusteringStage, patches: PatchStages, trainer: PromptTrainer, runs: any RunStore,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clustering = clustering
        self.patches = patches
        self.trainer = trainer
        self.jobs = TrainingJobRecorder(runs: runs, now: now)
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

    /// Runs the job here and records it in the run store as the trainer service does (``TrainingJobRecorder``).
    package func train(
        _ request: TrainingRequest, progress: @escaping @Sendable (TrainingProgress) -> Void
    )
        async throws -> TrainingJob
    {
        var job = try await self.jobs.open(request, state: .running).job
        // The record's ending starts from the last progress, as the service's does (the plan stays in it).
        let last = Mutex<TrainingProgress?>(nil)
        let result: TrainingResult
        do {
            result = try await self.jobs.renewingLeases {
                try await self.trainer.run(request, jobID: job.jobID, now: self.now) { event in
                    last.withLock { $0 = event }
                    progress(event)
                }
            }
        } catch {
            job.progress = last.withLock { $0 }
            try await self.jobs.save(self.jobs.ended(job, by: error, cancelled: error is CancellationError))
            throw error
        }
        job.progress = last.withLock { $0 }
        let completed = self.jobs.completed(job, result: result, defaultSteps: self.trainer.configuration.steps)
        try await self.jobs.save(completed)
        return completed
    }
}
