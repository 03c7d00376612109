import Experiences
import Foundation
import Logging
import PromptTraining
import ServiceLifecycle
import Synchronization

/// Runs training jobs in the background, records every state change in the run store (``TrainingJobRecorder``, as
/// the in-process pipeline does), and lets callers wait, watch and cancel.
///
/// It is a `Service`: jobs run as children of its `run()` (structured concurrency), and on start it marks jobs
/// that a previous process left `queued` or `running` as `interrupted`, so they show as such instead of being lost.
/// When the service stops (SIGTERM), its running jobs stop at their next model call or step and, with the queued
/// ones, end `interrupted` at once.
package actor TrainingJobs: Service {
    let trainer: PromptTrainer
    let recorder: TrainingJobRecorder
    let logger: Logger
    let now: @Sendable () -> Date
    let capacity: TrainingJobCapacity
    private let submissions: AsyncStream<String>
    private let submit: AsyncStream<String>.Continuation
    private var jobs: [String: TrainingJob] = [:]
    private var cancelSignals: [String: CancelSignal] = [:]
    private var waiters: [String: [CheckedContinuation<TrainingJob, Never>]] = [:]
    private var started = false
    /// Jobs holding one of the ``TrainingJobCapacity/running`` slots.
    private var runningCount = 0
    /// Jobs waiting for a slot, in submission order; a finishing job hands its slot to the first.
    private var slotWaiters: [CheckedContinuation<Void, Never>] = []
    /// The latest progress per running job, written from the training task without hopping onto the actor.
    private nonisolated let latestProgress = Mutex<[String: TrainingProgress]>([:])

    package init(
        trainer: PromptTrainer, runs: any RunStore, logger: Logger, capacity: TrainingJobCapacity = .standard,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.trainer = trainer
        self.capacity = capacity
        self.recorder = TrainingJobRecorder(runs: runs, now: now)
        self.logger = logger
        self.now = now
        (self.submissions, self.submit) = AsyncStream.makeStream(of: String.self)
    }

    package func run() async throws {
        try await self.recoverInterruptedJobs()
        await withDiscardingTaskGroup { group in
            group.addTask {
                try? await gracefulShutdown()
                self.submit.finish()
            }
            for await jobID in self.submissions {
                group.addTask { await self.execute(jobID) }
            }
            group.cancelAll()
        }
    }

    /// Marks jobs a previous process left unfinished as interrupted (also done by `run()`).
    package func recoverInterruptedJobs() async throws {
        guard !self.started else { return }
        self.started = true
        let changed = try await self.recorder.markUnfinishedInterrupted()
        if changed > 0 {
            self.logger.notice("Marked unfinished training jobs as interrupted", metadata: ["jobs.count": "\(changed)"])
        }
    }

    /// Validates and queues a job.
    /// - Throws: ``TrainingRequestError`` for a request that cannot run, ``TrainingJobsFull`` when the service holds
    ///   as many active jobs as its capacity allows (nothing is stored then).
    package func start(_ request: TrainingRequest) async throws -> TrainingJob {
        _ = try self.trainer.validate(request)
        guard self.jobs.values.count(where: \.state.isActive) < self.capacity.active else {
            throw TrainingJobsFull(capacity: self.capacity)
        }
        let job = try await self.recorder.open(request, state: .queued)
        self.jobs[job.jobID] = job
        self.cancelSignals[job.jobID] = CancelSignal()
        self.submit.yield(job.jobID)
        return job
    }

    /// The job with this id, from memory or the store.
    package func job(_ id: String) async throws -> TrainingJob? {
        if var job = self.jobs[id] {
            if job.state == .running, let progress = self.latestProgress.withLock({ $0[id] }) {
                job.progress = progress
            }
            return job
        }
        return try await self.recorder.job(id)
    }

    /// Waits until the job is no longer queued or running.
    package func waitForCompletion(_ id: String) async -> TrainingJob? {
        guard let job = self.jobs[id] else { return nil }
        if !job.state.isActive { return job }
        return await withCheckedContinuation { continuation in
            self.waiters[id, default: []].append(continuation)
        }
    }

    /// Asks a queued or running job to stop; it ends `cancelled` and writes nothing.
    /// - Returns: The job, or `nil` when unknown; it is unchanged when it had already finished.
    package func cancel(_ id: String) async throws -> TrainingJob? {
        guard let job = try await self.job(id) else { return nil }
        guard job.state.isActive, let signal = self.cancelSignals[id] else { return job }
        signal.cancel()
        if job.state == .queued {
            await self.finish(id) { self.recorder.ended($0, state: .cancelled, error: "cancelled before it started") }
        }
        return self.jobs[id]
    }

    private func execute(_ id: String) async {
        guard self.jobs[id]?.state == .queued else { return }
        await self.acquireSlot()
        defer { self.releaseSlot() }
        // The service is stopping: the job never ran.
        if Task.isCancelled {
            await self.finish(id) { self.recorder.ended($0, state: .interrupted, error: Self.stopped("started")) }
            return
        }
        // Cancelled while waiting.
        guard let queued = self.jobs[id], queued.state == .queued, let signal = self.cancelSignals[id] else { return }
        let job = self.recorder.running(queued)
        self.jobs[id] = job
        try? await self.recorder.save(job)
        self.logger.info("Training job started", metadata: ["job.id": "\(id)"])
        var trainer = self.trainer
        trainer.cancellation = { signal.isCancelled }
        do {
            let result = try await trainer.run(job.request, jobID: id, now: self.now) { progress in
                self.latestProgress.withLock { $0[id] = progress }
            }
            await self.finish(id) {
                self.recorder.completed($0, result: result, defaultSteps: self.trainer.configuration.steps)
            }
            self.logger.info(
                "Training job completed", metadata: ["job.id": "\(id)", "outcome": "\(result.outcome.rawValue)"])
        } catch {
            if Task.isCancelled && !signal.isCancelled {
                // The service is stopping (SIGTERM), not a caller's DELETE: the job did not finish, nothing was
                // written, and it can be submitted again.
                await self.finish(id) { self.recorder.ended($0, state: .interrupted, error: Self.stopped("finished")) }
            } else {
                let cancelled = signal.isCancelled || error is CancellationError
                await self.finish(id) { self.recorder.ended($0, by: error, cancelled: cancelled) }
            }
            let message = self.jobs[id]?.error ?? String(describing: error)
            self.logger.notice(
                "Training job ended without a result", metadata: ["job.id": "\(id)", "error": "\(message)"])
        }
    }

    /// Why a job the stopping service interrupted did not run to its end: it had not yet `started` or `finished`.
    static func stopped(_ what: String) -> String {
        "the trainer service stopped before the job \(what); nothing was written; submit it again"
    }

    /// Waits for one of the ``TrainingJobCapacity/running`` slots.
    private func acquireSlot() async {
        if self.runningCount < self.capacity.running {
            self.runningCount += 1
            return
        }
        await withCheckedContinuation { self.slotWaiters.append($0) }
    }

    /// Hands the slot to the longest-waiting job, or frees it.
    private func releaseSlot() {
        if self.slotWaiters.isEmpty {
            self.runningCount -= 1
        } else {
            self.slotWaiters.removeFirst().resume()
        }
    }

    /// Ends an active job as `end` says (one of the recorder's endings), saves it and wakes its waiters.
    private func finish(_ id: String, _ end: (TrainingJob) -> TrainingJob) async {
        guard let active = self.jobs[id], active.state.isActive else { return }
        let job = end(active)
        self.jobs[id] = job
        self.latestProgress.withLock { _ = $0.removeValue(forKey: id) }
        try? await self.recorder.save(job)
        for waiter in self.waiters.removeValue(forKey: id) ?? [] {
            waiter.resume(returning: job)
        }
    }

}

/// A flag a job's model calls check, so `DELETE` stops a running job at its next call.
final class CancelSignal: Sendable {
    private let flag = Mutex(false)

    func cancel() { self.flag.withLock { $0 = true } }
    var isCancelled: Bool { self.flag.withLock { $0 } }
}
