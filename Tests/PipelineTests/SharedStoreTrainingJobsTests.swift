import DemoWorld
import Experiences
import Foundation
import LanguageModels
import Logging
import PatchGeneration
import PostgresStore
import PromptTraining
import SQLiteStore
import ServiceLifecycle
import Stages
import Synchronization
import Testing

/// Several trainer processes on one SQLite file (``TrainingJobs`` instances, each with a store of its own, as
/// processes would have): starting one leaves the others' jobs alone, a dead one's jobs are marked interrupted once
/// their lease runs out, identical submissions map to one job, any instance runs the queue's jobs, and a cancel
/// through one stops the job on another.
@Suite(.timeLimit(.minutes(10)))
struct SharedStoreTrainingJobsTests {
    /// A request over two members that are not in the store: fine to queue (its candidate is admissible: a target,
    /// and the workspace's base prompt with the patch appended), fails at once when run.
    static let unrunnable: TrainingRequest = {
        let base = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 0)).initialPrompt
        let body: JSONValue = [
            "base_prompt_id": "p_v1_1",
            "clusters": [
                [
                    "cluster": ["cluster_id": "cluster_1", "size": 2, "member_ids": ["a", "b"]],
                    "candidates": [
                        [
                            "patch_id": "p1", "patch_text": "Only use the context.", "targets": ["hallucination"],
                            "prompt_text": .string(
                                PatchOperation.append.apply("Only use the context.", anchor: nil, to: base)!),
                        ]
                    ],
                ]
            ],
        ]
        return try! JSONDecoder().decode(TrainingRequest.self, from: JSONEncoder().encode(body))
    }()

    /// The simulator, `delay` slower per call, counting its calls (to see which instance ran a job, and whether it
    /// stopped).
    final class CountingModel: LanguageModel {
        let base: any LanguageModel
        let delay: Duration
        let calls = Mutex(0)
        var name: String { self.base.name }

        init(base: any LanguageModel, delay: Duration) {
            self.base = base
            self.delay = delay
        }

        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            self.calls.withLock { $0 += 1 }
            try await Task.sleep(for: self.delay)
            return try await self.base.generate(request)
        }
    }

    /// One workspace with logged interactions and a SQLite run store file the instances share.
    /// The store the instances share: a SQLite file, and PostgreSQL when `KAIZEN_TEST_DATABASE_URL` names one.
    enum Backend: String, CustomStringConvertible, CaseIterable {
        case sqlite, postgres

        static var available: [Backend] {
            ProcessInfo.processInfo.environment["KAIZEN_TEST_DATABASE_URL"].map {
                $0.isEmpty ? [.sqlite] : [.sqlite, .postgres]
            }
                ?? [.sqlite]
        }

        var description: String { self.rawValue }
    }

    /// The time every instance of a test reads: leases expire only when the test moves it, never because a loaded
    /// machine ran a heartbeat late.
    final class TestClock: Sendable {
        private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { self.time.withLock { $0 } }
        func advance(by seconds: TimeInterval) { self.time.withLock { $0 += seconds } }
    }

    struct Shared {
        let workspace: Workspace
        let clock = TestClock()
        /// Opens the shared store anew, as another process would.
        let openStore: @Sendable () throws -> any RunStore
        /// The store the test itself reads through, opened once (as one more process).
        let observer: any RunStore

        init(workspace: Workspace, openStore: @escaping @Sendable () throws -> any RunStore) throws {
            self.workspace = workspace
            self.openStore = openStore
            self.observer = try openStore()
        }

        /// A new instance, as a new process would open it: its own connection to the file, its own slow model.
        func instance(
            leaseDuration: TimeInterval = 30, delay: Duration = .milliseconds(2), runningAtOnce: Int = 4
        )
            throws -> (jobs: TrainingJobs, model: CountingModel)
        {
            let model = CountingModel(base: self.workspace.model, delay: delay)
            var trainer = self.workspace.trainer()
            trainer.model = model
            let clock = self.clock
            let jobs = TrainingJobs(
                trainer: trainer, runs: try self.openStore(), logger: Logger(label: "test"),
                capacity: TrainingJobCapacity(running: runningAtOnce, queued: 16), leaseDuration: leaseDuration,
                pollInterval: .milliseconds(50),
                now: { clock.now })
            return (jobs, model)
        }

        /// A recorder as another process would use it, on the test's clock.
        func recorder(leaseDuration: TimeInterval) throws -> TrainingJobRecorder {
            let clock = self.clock
            return TrainingJobRecorder(runs: try self.openStore(), leaseDuration: leaseDuration, now: { clock.now })
        }

        var store: any RunStore { self.observer }

        /// A request over the workspace's logged failures, made distinct by `seed`.
        func request(seed: UInt64, steps: Int = 2) async throws -> TrainingRequest {
            let members = await self.workspace.store.failures(ExperienceQuery(limit: 12)).map(\.id)
            var request = SharedStoreTrainingJobsTests.unrunnable
            request.clusters[0].cluster.memberIDs = members
            request.clusters[0].cluster.size = members.count
            request.seed = seed
            request.steps = steps
            request.groupSize = 2
            request.batchSize = 2
            return request
        }

        func state(_ id: String) async throws -> String? {
            try await self.store.run(kind: TrainingJobRecorder.runKind, id: id)?.state
        }
    }

    func withShared(_ backend: Backend, _ body: (Shared) async throws -> Void) async throws {
        let workspace = try await Workspace.make(interactions: 60)
        defer { workspace.remove() }
        switch backend {
        case .sqlite:
            let path = workspace.folder.appendingPathComponent("runs.sqlite").path
            try await body(try Shared(workspace: workspace, openStore: { try SQLiteExperienceStore(path: path) }))
        case .postgres:
            try await SharedPostgresSchema.with { address in
                try await body(
                    try Shared(workspace: workspace, openStore: { PostgresExperienceStore(url: address) }))
            }
        }
    }

    /// Runs `services` until `body` returns, then shuts them down.
    func running<Result>(_ services: [TrainingJobs], _ body: () async throws -> Result) async throws -> Result {
        let group = ServiceGroup(services: services, logger: Logger(label: "test"))
        let task = Task { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await task.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await task.value
            throw error
        }
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    func eventually(_ seconds: Double = 120, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// Runs `body` while a 500-step job (request `seed`) runs on a first instance (lease 0.6 s, 20 ms per model call)
    /// and a second instance (lease 0.6 s) runs too; the second starts only once the first has taken the job, so it
    /// cannot be the one running it.
    func withAJobRunningOnTheFirstOfTwo(
        _ shared: Shared, seed: UInt64,
        _ body: (
            _ first: (jobs: TrainingJobs, model: CountingModel), _ second: (jobs: TrainingJobs, model: CountingModel),
            _ job: TrainingJob
        ) async throws -> Void
    ) async throws {
        let first = try shared.instance(leaseDuration: 0.6, delay: .milliseconds(20))
        let second = try shared.instance(leaseDuration: 0.6)
        try await running([first.jobs]) { () async throws -> Void in
            let job = try await first.jobs.start(try await shared.request(seed: seed, steps: 500))
            #expect(try await eventually { try await shared.state(job.jobID) == "running" })
            try await running([second.jobs]) { () async throws -> Void in try await body(first, second, job) }
        }
    }

    @Test(arguments: Backend.available)
    func aSecondTrainerLeavesTheFirstOnesRunningJobAloneAndItsCancelStopsIt(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            try await withAJobRunningOnTheFirstOfTwo(shared, seed: 1) { first, second, job in
                // The second's start-up recovery and a few of its heartbeats have run.
                try await Task.sleep(for: .seconds(1))
                #expect(try await shared.state(job.jobID) == "running", "the second trainer took the job")
                #expect(
                    try await shared.store.run(kind: TrainingJobRecorder.runKind, id: job.jobID)?.owner
                        == first.jobs.owner)
                #expect(second.model.calls.withLock { $0 } == 0)

                let cancelled = try #require(try await second.jobs.cancel(job.jobID))
                #expect(cancelled.state == .cancelled)
                #expect(try await eventually { try await first.jobs.job(job.jobID)?.state == .cancelled })
                // Calls that passed their cancellation check just before the cancel still arrive; after
                // them the job makes none (it made one every 20 ms while it ran).
                #expect(
                    try await eventually(20) {
                        let before = first.model.calls.withLock { $0 }
                        try await Task.sleep(for: .milliseconds(500))
                        return first.model.calls.withLock { $0 } == before
                    }, "the first trainer kept running the job")
            }
        }
    }

    @Test(arguments: Backend.available)
    func anotherInstanceReadsARunningJobsProgressWithinAHeartbeat(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            try await withAJobRunningOnTheFirstOfTwo(shared, seed: 2) { runner, other, job in
                #expect(try await eventually { try await runner.jobs.job(job.jobID)?.progress?.step ?? 0 > 0 })
                // The other instance reads the job as stored, where the runner's heartbeat (every 0.2 s) writes the
                // progress.
                #expect(
                    try await eventually(20) {
                        let seen = try await other.jobs.job(job.jobID)
                        return seen?.state == .running && seen?.progress?.phase == .training
                            && seen?.progress?.step ?? 0 > 0
                    }, "the other instance never saw the job's progress")
                #expect(other.model.calls.withLock { $0 } == 0)
                _ = try await other.jobs.cancel(job.jobID)
            }
        }
    }

    @Test(arguments: Backend.available)
    func aDeadWorkersRunningJobIsMarkedInterruptedOnceItsLeaseRunsOut(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            let alive = try shared.instance(leaseDuration: 0.3)
            // A worker that claims a job and dies: no heartbeat renews its lease.
            let dead = try shared.recorder(leaseDuration: 0.3)
            let job = try await alive.jobs.start(Self.unrunnable)
            #expect(try await dead.claimNext()?.jobID == job.jobID)
            try await alive.jobs.recoverInterruptedJobs()
            #expect(try await shared.state(job.jobID) == "running", "a live lease is left alone")
            shared.clock.advance(by: 0.5)
            try await running([alive.jobs]) { () async throws -> Void in
                #expect(try await eventually { try await shared.state(job.jobID) == "interrupted" })
            }
            #expect(try await alive.jobs.job(job.jobID)?.state == .interrupted)
        }
    }

    @Test(arguments: Backend.available)
    func aLiveOwnerKeepsItsJobByRenewingTheLease(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            let owner = try shared.recorder(leaseDuration: 0.3)
            let other = try shared.recorder(leaseDuration: 0.3)
            let job = try await owner.open(Self.unrunnable, state: .running).job
            let firstLease = try #require(try await shared.store.run(kind: TrainingJobRecorder.runKind, id: job.jobID))
                .leaseExpiresAt
            // Past the first lease; the owner's heartbeat (every 0.1 s) renews from the new time.
            shared.clock.advance(by: 1)
            try await owner.renewingLeases { () async throws -> Void in
                #expect(
                    try await eventually {
                        try await shared.store.run(kind: TrainingJobRecorder.runKind, id: job.jobID)?.leaseExpiresAt
                            != firstLease
                    })
            }
            #expect(try await other.markUnfinishedInterrupted() == 0, "the heartbeat kept the lease")
            shared.clock.advance(by: 1)
            #expect(try await other.markUnfinishedInterrupted() == 1, "without it, the lease ran out")
            #expect(try await other.job(job.jobID)?.state == .interrupted)
        }
    }

    @Test(arguments: Backend.available)
    func tenIdenticalSubmissionsOverTwoInstancesGetOneJob(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            let first = try shared.instance().jobs
            let second = try shared.instance().jobs
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<10 {
                    group.addTask { try await (index.isMultiple(of: 2) ? first : second).start(Self.unrunnable).jobID }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await shared.store.runs(kind: TrainingJobRecorder.runKind, limit: 20).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aFinishedJobsRequestStartsANewJobUnderTheNextID(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            let first = try shared.instance().jobs
            let second = try shared.instance().jobs
            let job = try await first.start(Self.unrunnable)
            #expect(try await first.cancel(job.jobID)?.state == .cancelled)
            let again = try await second.start(Self.unrunnable)
            #expect(again.jobID == job.jobID + "-2")
            #expect(try await shared.store.runs(kind: TrainingJobRecorder.runKind, limit: 20).count == 2)
        }
    }

    /// Capacity is per instance: the jobs queued through one count against it until some instance claims them or
    /// they are cancelled, wherever that happens.
    @Test(arguments: Backend.available)
    func jobsQueuedHereStopCountingOnceAnotherInstanceTakesOrCancelsThem(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            let model = CountingModel(base: shared.workspace.model, delay: .milliseconds(2))
            var trainer = shared.workspace.trainer()
            trainer.model = model
            let clock = shared.clock
            let here = TrainingJobs(
                trainer: trainer, runs: try shared.openStore(), logger: Logger(label: "test"),
                capacity: TrainingJobCapacity(running: 1, queued: 1), now: { clock.now })
            let other = try shared.instance().jobs
            let elsewhere = try shared.recorder(leaseDuration: 30)
            let first = try await here.start(try await shared.request(seed: 1))
            let second = try await here.start(try await shared.request(seed: 2))
            await #expect(throws: TrainingJobsFull.self) { try await here.start(try await shared.request(seed: 3)) }

            // Both were queued at the same time on the test's clock; either may be the one taken.
            let taken = try #require(try await elsewhere.claimNext()).jobID
            #expect([first.jobID, second.jobID].contains(taken))
            let third = try await here.start(try await shared.request(seed: 3))
            await #expect(throws: TrainingJobsFull.self) { try await here.start(try await shared.request(seed: 4)) }

            let waiting = taken == first.jobID ? second : first
            #expect(try await other.cancel(waiting.jobID)?.state == .cancelled)
            #expect(try await other.cancel(third.jobID)?.state == .cancelled)
            _ = try await here.start(try await shared.request(seed: 4))
            _ = try await here.start(try await shared.request(seed: 5))
            #expect(try await shared.store.runs(kind: TrainingJobRecorder.runKind, limit: 20).count == 5)
        }
    }

    /// Four jobs submitted through one trainer, two trainers running one job at a time each: both take jobs from
    /// the queue, every job runs once and ends.
    @Test(arguments: Backend.available)
    func twoWorkersShareTheQueue(_ backend: Backend) async throws {
        try await withShared(backend) { shared in
            let first = try shared.instance(delay: .milliseconds(10), runningAtOnce: 1)
            let second = try shared.instance(delay: .milliseconds(10), runningAtOnce: 1)
            // Both connected (and the schema migrated) before the first job is queued, so neither starts late.
            try await first.jobs.recoverInterruptedJobs()
            try await second.jobs.recoverInterruptedJobs()
            var ids: [String] = []
            for seed in UInt64(1)...4 {
                ids.append(try await first.jobs.start(try await shared.request(seed: seed, steps: 3)).jobID)
            }
            try await running([first.jobs, second.jobs]) { () async throws -> Void in
                for id in ids {
                    let ended = await first.jobs.waitForCompletion(id)
                    #expect(ended?.state == .completed, "\(id): \(ended?.error ?? "")")
                }
            }
            #expect(first.model.calls.withLock { $0 } > 0 && second.model.calls.withLock { $0 } > 0)
        }
    }
}
