import Experiences
import Foundation
import PromptTraining

/// Records training jobs in the run store. The trainer service's background jobs (``TrainingJobs``) and the
/// pipeline's in-process runs both go through it, so a job reads the same whoever ran it: the same id scheme, the
/// same states, and a finished job's progress showing the whole curve (`GET /api/v1/train/{id}`,
/// `kaizen eval --held-out-of JOB`).
package struct TrainingJobRecorder: Sendable {
    /// The run-store kind of training jobs.
    package static let runKind = "training_job"

    let runs: any RunStore
    let now: @Sendable () -> Date

    package init(runs: any RunStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.runs = runs
        self.now = now
    }

    /// A new job for `request` in `state`, under an id derived from the request (``RunIDs``), already saved.
    package func open(_ request: TrainingRequest, state: TrainingJob.State) async throws -> TrainingJob {
        let id = try await RunIDs.next(
            prefix: "job", content: try request.identity(), kind: Self.runKind, in: self.runs)
        let time = self.now()
        let job = TrainingJob(
            jobID: id, state: state, createdAt: time, updatedAt: time, request: request, progress: nil, result: nil,
            error: nil)
        try await self.save(job)
        return job
    }

    /// The job as it starts running now.
    package func running(_ job: TrainingJob) -> TrainingJob {
        var job = job
        job.state = .running
        job.updatedAt = self.now()
        return job
    }

    /// The job completed with `result`; its progress is the whole run (`done`, every curve point), so a stored job
    /// needs nothing from the process that ran it.
    /// - Parameter defaultSteps: the trainer's step count, for a request that did not choose one.
    package func completed(_ job: TrainingJob, result: TrainingResult, defaultSteps: Int) -> TrainingJob {
        var job = job
        job.state = .completed
        job.result = result
        job.error = nil
        job.progress = TrainingProgress(
            phase: .done, step: result.training.curve.count, steps: job.request.steps ?? defaultSteps,
            rollouts: result.training.rollouts, tokens: result.training.tokens, curve: result.training.curve)
        job.updatedAt = self.now()
        return job
    }

    /// The job ended without a result: `cancelled` or `failed`, with why.
    package func ended(_ job: TrainingJob, state: TrainingJob.State, error: String) -> TrainingJob {
        var job = job
        job.state = state
        job.result = nil
        job.error = error
        job.updatedAt = self.now()
        return job
    }

    /// The job stopped on `error`: `cancelled` when it was asked to stop, else `failed` with the error's own
    /// description (Kaizen's and the model client's errors describe themselves readably).
    package func ended(_ job: TrainingJob, by error: any Error, cancelled: Bool) -> TrainingJob {
        cancelled
            ? self.ended(job, state: .cancelled, error: "cancelled")
            : self.ended(job, state: .failed, error: String(describing: error))
    }

    /// Creates or replaces the job's record.
    package func save(_ job: TrainingJob) async throws {
        try await self.runs.save(try job.storedRun())
    }

    /// The stored job with this id, or `nil`.
    package func job(_ id: String) async throws -> TrainingJob? {
        guard let stored = try await self.runs.run(kind: Self.runKind, id: id) else { return nil }
        return try TrainingJob(stored)
    }

    /// Marks jobs a previous process left `queued` or `running` as `interrupted`, returning how many.
    package func markUnfinishedInterrupted() async throws -> Int {
        try await self.runs.markRuns(
            kind: Self.runKind, in: [TrainingJob.State.queued.rawValue, TrainingJob.State.running.rawValue],
            as: TrainingJob.State.interrupted.rawValue, at: self.now())
    }
}
