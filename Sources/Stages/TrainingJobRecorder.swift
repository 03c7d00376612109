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

    /// How long a job's owner vouches for it without renewing; a job whose lease ran out is taken for dead.
    package static let defaultLeaseDuration: TimeInterval = 30

    let runs: any RunStore
    let now: @Sendable () -> Date
    /// This recorder's process and instance (``RunOwner``), written on every job it runs.
    package let owner: String
    package let leaseDuration: TimeInterval

    package init(
        runs: any RunStore, owner: String = RunOwner.make(), leaseDuration: TimeInterval = defaultLeaseDuration,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.runs = runs
        self.owner = owner
        self.leaseDuration = leaseDuration
        self.now = now
    }

    /// A new job for `request` in `state`, under an id derived from the request (``RunIDs``), already saved.
    /// - Parameter deduplicate: when true and an identical request is queued or running (in any process sharing
    ///   the store), that job is returned instead, with `created` false.
    package func open(
        _ request: TrainingRequest, state: TrainingJob.State, deduplicate: Bool = false
    )
        async throws -> (job: TrainingJob, created: Bool)
    {
        let identity = try request.identity()
        let base = "job-\(RunIDs.hash(identity))"
        let time = self.now()
        let job = TrainingJob(
            jobID: base, state: state, createdAt: time, updatedAt: time, request: request, progress: nil, result: nil,
            error: nil)
        var stored = try self.storedRun(job)
        stored.idempotencyKey = deduplicate ? RunIDs.hash(identity) : nil
        let outcome = try await self.runs.create(stored, activeStates: Self.activeStates)
        // The stored id wins over the body's (a repeat is stored as `-2`, `-3`, ...), so the body is not saved again:
        // a worker may already have claimed the job.
        return (try TrainingJob(outcome.run), outcome.created)
    }

    /// The job completed with `result`; its progress is the whole run (`done`, every curve point), so a stored job
    /// needs nothing from the process that ran it.
    /// - Parameter defaultSteps: the trainer's step count, for a request that did not choose one.
    package func completed(_ job: TrainingJob, result: TrainingResult, defaultSteps: Int) -> TrainingJob {
        var job = job
        job.state = .completed
        job.result = result
        job.error = nil
        let plan = job.progress
        job.progress = TrainingProgress(
            phase: .done, step: result.training.curve.count, steps: job.request.steps ?? defaultSteps,
            rollouts: result.training.rollouts, tokens: result.training.tokens, curve: result.training.curve)
        // The plan stays beside what was spent (it vanished from a completed job's document).
        job.progress?.plannedRollouts = plan?.plannedRollouts
        job.progress?.guardrailRollouts = plan?.guardrailRollouts
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

    /// Creates or replaces the job's record, leased to this owner while it runs.
    package func save(_ job: TrainingJob) async throws {
        try await self.runs.save(try self.storedRun(job))
    }

    private func storedRun(_ job: TrainingJob) throws -> StoredRun {
        var stored = try job.storedRun()
        if job.state == .running {
            stored.owner = self.owner
            stored.leaseExpiresAt = self.now().addingTimeInterval(self.leaseDuration)
        }
        return stored
    }

    /// Extends the lease of this owner's active jobs (the heartbeat).
    /// - Returns: The ids renewed; a job this owner runs that is missing was cancelled or marked interrupted elsewhere.
    @discardableResult
    package func renewLeases() async throws -> [String] {
        let time = self.now()
        return try await self.runs.renewLeases(
            kind: Self.runKind, owner: self.owner, in: Self.activeStates,
            until: time.addingTimeInterval(self.leaseDuration), at: time)
    }

    /// Takes the oldest queued job (submitted through any process sharing the store) and marks it running under
    /// this owner, or `nil` when none waits.
    package func claimNext() async throws -> TrainingJob? {
        let time = self.now()
        guard
            let stored = try await self.runs.claim(
                kind: Self.runKind, in: TrainingJob.State.queued.rawValue, as: TrainingJob.State.running.rawValue,
                owner: self.owner, until: time.addingTimeInterval(self.leaseDuration), at: time)
        else { return nil }
        return try TrainingJob(stored)
    }

    /// Stores the progress of a job this owner runs, so every process sharing the store reads it (the heartbeat
    /// writes it); nothing is saved once the job ended or went to another owner.
    /// - Returns: Whether it was saved.
    @discardableResult
    package func saveProgress(_ job: TrainingJob, _ progress: TrainingProgress) async throws -> Bool {
        var job = job
        job.progress = progress
        job.updatedAt = self.now()
        return try await self.runs.replace(
            try self.storedRun(job), ifIn: [TrainingJob.State.running.rawValue], ownedBy: self.owner)
    }

    /// Saves the end of a job this owner runs, unless it was cancelled or marked interrupted meanwhile.
    /// - Returns: Whether it was saved.
    package func saveEnding(_ job: TrainingJob) async throws -> Bool {
        try await self.runs.replace(
            try self.storedRun(job), ifIn: [TrainingJob.State.running.rawValue], ownedBy: self.owner)
    }

    /// Cancels an active job wherever it runs: the stored job ends `cancelled` (a queued one is never started; the
    /// worker running one finds out at its next heartbeat and stops).
    /// - Returns: The job as it is now: cancelled, or as it ended when it ended first.
    package func cancel(_ job: TrainingJob) async throws -> TrainingJob {
        let reason = job.state == .queued ? "cancelled before it started" : "cancelled"
        let cancelled = self.ended(job, state: .cancelled, error: reason)
        if try await self.runs.replace(try self.storedRun(cancelled), ifIn: Self.activeStates, ownedBy: nil) {
            return cancelled
        }
        return try await self.job(job.jobID) ?? job
    }

    /// Runs `body` while renewing this owner's leases every third of the lease, so a long job stays its own.
    package func renewingLeases<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(self.leaseDuration / 3))
                    // A renewal that fails (the store briefly away) is tried again at the next tick.
                    _ = try? await self.renewLeases()
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    static let activeStates = TrainingJob.State.allCases.filter(\.isActive).map(\.rawValue)

    /// The stored job with this id, or `nil`.
    package func job(_ id: String) async throws -> TrainingJob? {
        guard let stored = try await self.runs.run(kind: Self.runKind, id: id) else { return nil }
        return try TrainingJob(stored)
    }

    /// Marks jobs left `running` by a process that stopped renewing their lease (or by a version that kept none) as
    /// `interrupted`, returning how many. Jobs of live processes sharing the store keep running; queued jobs stay in
    /// the queue for any worker to take.
    package func markUnfinishedInterrupted() async throws -> Int {
        try await self.runs.markRuns(
            kind: Self.runKind, in: [TrainingJob.State.running.rawValue], as: TrainingJob.State.interrupted.rawValue,
            at: self.now())
    }
}
