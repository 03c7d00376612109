import Experiences
import Foundation
import Logging
import PromptTraining
import ServiceLifecycle
import Synchronization

/// Training jobs as a queue in the run store, worked by every trainer process sharing it, each state change
/// recorded through ``TrainingJobRecorder`` (as the in-process pipeline does); callers wait, watch and cancel.
///
/// It is a `Service`: jobs run as children of its `run()` (structured concurrency). `start` stores a job `queued`;
/// any instance on the same store (this one is woken at once, the others look every `pollInterval`) claims it
/// atomically, runs it under its owner name, and renews its lease while it runs (the heartbeat). At start and at
/// every heartbeat an instance marks running jobs whose lease ran out (their process died) as `interrupted`;
/// other live processes' jobs are left alone. A cancel, through any instance, ends the stored job; the instance
/// running it finds out at its next heartbeat and stops. Identical submissions while one is queued or running map
/// to that one job.
///
/// ``TrainingJobCapacity`` is per instance, so it reads per process with a shared queue: an instance runs at most
/// `capacity.running` jobs, and refuses a submission (``TrainingJobsFull``) while the jobs it runs plus the jobs
/// queued through it that nobody has claimed reach `capacity.active`. Jobs queued through other processes count
/// there, not here; N trainer processes on one store hold at most N times the capacity.
///
/// When the service stops (SIGTERM), the jobs running here stop at their next model call or training step and end
/// `interrupted` at once; queued jobs stay queued for any instance on the store.
package actor TrainingJobs: Service {
    let trainer: PromptTrainer
    let recorder: TrainingJobRecorder
    let logger: Logger
    let now: @Sendable () -> Date
    /// How many jobs this instance runs at once and holds waiting (see the type's note on a shared queue).
    let capacity: TrainingJobCapacity
    /// How often an idle instance looks for jobs submitted through other processes.
    let pollInterval: Duration
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    /// The jobs this instance runs, with the flag their model calls check.
    private var running: [String: (job: TrainingJob, signal: CancelSignal)] = [:]
    /// Jobs queued through this instance that no instance had claimed when last looked at; with ``running`` they
    /// are what ``capacity`` counts.
    private var queuedHere: Set<String> = []
    private var started = false
    /// The latest progress per running job, written from the training task without hopping onto the actor.
    private nonisolated let latestProgress = Mutex<[String: TrainingProgress]>([:])

    package init(
        trainer: PromptTrainer, runs: any RunStore, logger: Logger, capacity: TrainingJobCapacity = .standard,
        leaseDuration: TimeInterval = TrainingJobRecorder.defaultLeaseDuration, pollInterval: Duration = .seconds(1),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.trainer = trainer
        self.capacity = capacity
        self.recorder = TrainingJobRecorder(runs: runs, leaseDuration: leaseDuration, now: now)
        self.logger = logger
        self.now = now
        self.pollInterval = pollInterval
        (self.wakeups, self.wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The owner name this instance writes on the jobs it runs (``RunOwner``).
    package nonisolated var owner: String { self.recorder.owner }

    package func run() async throws {
        try await self.recoverInterruptedJobs()
        await withDiscardingTaskGroup { group in
            group.addTask {
                try? await gracefulShutdown()
                self.wake.finish()
            }
            group.addTask { await self.heartbeat() }
            group.addTask { await self.poll() }
            self.wake.yield()
            for await _ in self.wakeups {
                while let job = await self.claimIfRoom() {
                    group.addTask { await self.execute(job.jobID) }
                }
            }
            group.cancelAll()
        }
    }

    /// Marks running jobs whose lease ran out as interrupted (also done by `run()` and every heartbeat).
    package func recoverInterruptedJobs() async throws {
        guard !self.started else { return }
        self.started = true
        let changed = try await self.recorder.markUnfinishedInterrupted()
        if changed > 0 {
            self.logger.notice("Marked unfinished training jobs as interrupted", metadata: ["jobs.count": "\(changed)"])
        }
    }

    /// Validates and queues a job; an identical request already queued or running (here or in another process
    /// sharing the store) is answered with that job instead.
    /// - Throws: ``TrainingRequestError`` for a request that cannot run, ``TrainingJobsFull`` when this instance
    ///   holds as many active jobs as its capacity allows (nothing is stored then).
    package func start(_ request: TrainingRequest) async throws -> TrainingJob {
        _ = try self.trainer.validate(request)
        guard try await self.hasRoomForSubmission() else { throw TrainingJobsFull(capacity: self.capacity) }
        let (job, created) = try await self.recorder.open(request, state: .queued, deduplicate: true)
        if created {
            self.queuedHere.insert(job.jobID)
            self.wake.yield()
            return job
        }
        return try await self.job(job.jobID) ?? job
    }

    /// Whether this instance's running jobs and the jobs still queued through it leave room for one more. Jobs
    /// queued here are looked up again only when full, since another instance may have taken or cancelled them.
    private func hasRoomForSubmission() async throws -> Bool {
        if self.running.count + self.queuedHere.count < self.capacity.active { return true }
        for id in self.queuedHere where try await self.recorder.job(id)?.state != .queued {
            self.queuedHere.remove(id)
        }
        return self.running.count + self.queuedHere.count < self.capacity.active
    }

    /// The job with this id: with its live progress when it runs here, else as stored. A job running here that was
    /// ended through another process (cancelled, or marked interrupted) reads so at once and is told to stop. A
    /// stored `queued` is only a read from before this instance claimed the job, never a reason to stop it.
    package func job(_ id: String) async throws -> TrainingJob? {
        let stored = try await self.recorder.job(id)
        guard let job = self.runningJob(id) else { return stored }
        if let stored, !stored.state.isActive {
            self.running[id]?.signal.cancel()
            return stored
        }
        return job
    }

    /// The job running here under `id`, with its latest progress; `nil` when it does not run here.
    private func runningJob(_ id: String) -> TrainingJob? {
        guard var job = self.running[id]?.job else { return nil }
        if let progress = self.latestProgress.withLock({ $0[id] }) { job.progress = progress }
        return job
    }

    /// Waits until the job is no longer queued or running, wherever it runs; `nil` for an unknown id. A store that
    /// fails for a moment (busy, restarting) is asked again.
    package func waitForCompletion(_ id: String) async -> TrainingJob? {
        while true {
            do {
                guard let job = try await self.job(id) else { return nil }
                if !job.state.isActive || Task.isCancelled { return job }
            } catch {
                if Task.isCancelled { return nil }
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Asks a queued or running job to stop, wherever it runs; it ends `cancelled` and writes nothing.
    /// - Returns: The job, or `nil` when unknown; it is unchanged when it had already finished.
    package func cancel(_ id: String) async throws -> TrainingJob? {
        guard let job = try await self.job(id) else { return nil }
        guard job.state.isActive else { return job }
        let cancelled = try await self.recorder.cancel(job)
        self.running[id]?.signal.cancel()
        self.queuedHere.remove(id)
        return cancelled
    }

    /// The oldest queued job, now running here, when this instance has room for one.
    private func claimIfRoom() async -> TrainingJob? {
        guard self.running.count < self.capacity.running else { return nil }
        do {
            guard let job = try await self.recorder.claimNext() else { return nil }
            self.queuedHere.remove(job.jobID)
            self.running[job.jobID] = (job, CancelSignal())
            return job
        } catch {
            self.logger.warning("Could not take a training job from the queue", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Why a job running here when the service stopped did not finish.
    static let stopped = "the trainer service stopped before the job finished; nothing was written; submit it again"

    private func execute(_ id: String) async {
        guard let entry = self.running[id] else { return }
        let signal = entry.signal
        self.logger.info("Training job started", metadata: ["job.id": "\(id)", "owner": "\(self.owner)"])
        var trainer = self.trainer
        trainer.cancellation = { signal.isCancelled }
        do {
            let result = try await trainer.run(entry.job.request, jobID: id, now: self.now) { progress in
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
                await self.finish(id) { self.recorder.ended($0, state: .interrupted, error: Self.stopped) }
            } else {
                let cancelled = signal.isCancelled || error is CancellationError
                await self.finish(id) { self.recorder.ended($0, by: error, cancelled: cancelled) }
            }
            self.logger.notice(
                "Training job ended without a result", metadata: ["job.id": "\(id)", "error": "\(error)"])
        }
    }

    /// Ends a job running here as `end` says (one of the recorder's endings) and saves it, unless it was cancelled
    /// or marked interrupted meanwhile; then makes room for the next job.
    private func finish(_ id: String, _ end: (TrainingJob) -> TrainingJob) async {
        // The ending starts from the last progress, so the record keeps the plan and how far the job got.
        guard let job = self.runningJob(id) else { return }
        let ended = end(job)
        do {
            if try await !self.recorder.saveEnding(ended) {
                self.logger.notice(
                    "Training job was cancelled or marked interrupted before it ended; that ending stands",
                    metadata: ["job.id": "\(id)", "ending": "\(ended.state.rawValue)"])
            }
        } catch {
            self.logger.error(
                "Could not record a training job's ending", metadata: ["job.id": "\(id)", "error": "\(error)"])
        }
        self.running[id] = nil
        self.latestProgress.withLock { _ = $0.removeValue(forKey: id) }
        self.wake.yield()
    }

    /// Every third of the lease until shutdown: renews the leases of the jobs running here (stopping any that was
    /// ended elsewhere), then marks jobs whose lease ran out as interrupted (a process sharing the store died).
    private func heartbeat() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(self.recorder.leaseDuration / 3))
            } catch {
                return
            }
            do {
                let runningHere = Array(self.running.keys)
                let renewed = Set(try await self.recorder.renewLeases())
                for id in runningHere where !renewed.contains(id) {
                    self.running[id]?.signal.cancel()
                }
                await self.storeProgress(of: runningHere.filter(renewed.contains))
                let changed = try await self.recorder.markUnfinishedInterrupted()
                if changed > 0 {
                    self.logger.notice(
                        "Marked training jobs whose lease ran out as interrupted",
                        metadata: ["jobs.count": "\(changed)"])
                }
            } catch {
                self.logger.warning("Could not renew training job leases", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Stores the live progress of these jobs running here, so a `GET` through any process sharing the store shows
    /// how far they got (to within a heartbeat), not only the one running them. A failed write is only logged: it
    /// must not keep the heartbeat from marking dead processes' jobs interrupted.
    private func storeProgress(of ids: [String]) async {
        for id in ids {
            guard let job = self.running[id]?.job, let progress = self.latestProgress.withLock({ $0[id] }) else {
                continue
            }
            do {
                try await self.recorder.saveProgress(job, progress)
            } catch {
                self.logger.warning(
                    "Could not store a training job's progress", metadata: ["job.id": "\(id)", "error": "\(error)"])
            }
        }
    }

    /// Wakes the queue loop every `pollInterval`, for jobs submitted through other processes.
    private func poll() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await Task.sleep(for: self.pollInterval)
            } catch {
                return
            }
            self.wake.yield()
        }
    }
}

/// A flag a job's model calls check, so `DELETE` stops a running job at its next call.
final class CancelSignal: Sendable {
    private let flag = Mutex(false)

    func cancel() { self.flag.withLock { $0 = true } }
    var isCancelled: Bool { self.flag.withLock { $0 } }
}
