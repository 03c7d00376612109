import Experiences
import Foundation
import Logging
import PatchGeneration
import PromptTraining
import Prompts
import ServiceLifecycle
import Stages
import Synchronization
import Testing

/// A look at a job that read the store just before this instance claimed it sees `queued`; that stale read must
/// not stop the job (a busy trainer cancelled a job this way while identical submissions arrived).
@Suite(.timeLimit(.minutes(10)))
struct TrainingJobStaleReadTests {
    /// The in-memory run store, except that one read, once armed, answers with what it read only after the next
    /// claim has been made.
    final class StaleReadStore: RunStore {
        let base: InMemoryRunStore
        private let armed = Mutex(false)
        private let claims: AsyncStream<Void>
        private let claimed: AsyncStream<Void>.Continuation

        init(base: InMemoryRunStore) {
            self.base = base
            (self.claims, self.claimed) = AsyncStream.makeStream(of: Void.self)
        }

        func arm() { self.armed.withLock { $0 = true } }

        func run(kind: String, id: String) async throws -> StoredRun? {
            let read = await self.base.run(kind: kind, id: id)
            guard
                self.armed.withLock({ armed in
                    defer { armed = false }
                    return armed
                })
            else { return read }
            for await _ in self.claims { break }
            // The claiming instance takes the job on as soon as the claim returns.
            try await Task.sleep(for: .milliseconds(200))
            return read
        }

        func claim(
            kind: String, in state: String, as newState: String, owner: String, until: Date, at time: Date
        ) async throws -> StoredRun? {
            let run = await self.base.claim(
                kind: kind, in: state, as: newState, owner: owner, until: until, at: time)
            if run != nil { self.claimed.yield() }
            return run
        }

        func save(_ run: StoredRun) async throws { await self.base.save(run) }
        func create(_ run: StoredRun, activeStates: [String]) async throws -> (run: StoredRun, created: Bool) {
            await self.base.create(run, activeStates: activeStates)
        }
        func runs(kind: String, limit: Int) async throws -> [StoredRun] {
            await self.base.runs(kind: kind, limit: limit)
        }
        func markRuns(kind: String, in states: [String], as newState: String, at time: Date) async throws -> Int {
            await self.base.markRuns(kind: kind, in: states, as: newState, at: time)
        }
        func renewLeases(
            kind: String, owner: String, in states: [String], until: Date, at time: Date
        ) async throws
            -> [String]
        {
            await self.base.renewLeases(kind: kind, owner: owner, in: states, until: until, at: time)
        }
        func replace(_ run: StoredRun, ifIn states: [String], ownedBy owner: String?) async throws -> Bool {
            await self.base.replace(run, ifIn: states, ownedBy: owner)
        }
    }

    @Test func aReadFromBeforeTheClaimDoesNotStopTheJob() async throws {
        let workspace = try await Workspace.make(interactions: 60)
        defer { workspace.remove() }
        let members = await workspace.store.failures(ExperienceQuery(promptID: "p_v1_1")).map(\.id)
        try #require(members.count >= 4)
        let base = try workspace.registry.version(named: "p_v1_1").text
        let body: JSONValue = [
            "base_prompt_id": "p_v1_1", "steps": 500, "group_size": 2, "batch_size": 2,
            "clusters": [
                [
                    "cluster": [
                        "cluster_id": "cluster_1", "size": .integer(members.count),
                        "member_ids": .array(members.map { .string($0) }),
                    ],
                    "candidates": [
                        [
                            "patch_id": "p1", "patch_text": "Only use the context.", "targets": ["hallucination"],
                            "prompt_text": .string(
                                try #require(
                                    PatchOperation.append.apply("Only use the context.", anchor: nil, to: base))),
                        ]
                    ],
                ]
            ],
        ]
        let request = try JSONDecoder().decode(TrainingRequest.self, from: JSONEncoder().encode(body))
        // A job that runs for minutes, checking before every model call whether it was told to stop.
        var trainer = workspace.trainer()
        trainer.model = SharedStoreTrainingJobsTests.CountingModel(base: workspace.model, delay: .milliseconds(20))
        let store = StaleReadStore(base: workspace.runs)
        let jobs = TrainingJobs(trainer: trainer, runs: store, logger: Logger(label: "test"))
        let job = try await jobs.start(request)
        store.arm()
        let look = Task { try await jobs.job(job.jobID) }

        let group = ServiceGroup(services: [jobs], logger: Logger(label: "test"))
        let service = Task { try await group.run() }
        #expect(try await look.value?.state == .running, "the look reads the job as running here")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await workspace.runs.run(kind: TrainingJobRecorder.runKind, id: job.jobID)?.state == "running")
        #expect(try await jobs.job(job.jobID)?.state == .running, "the stale read stopped the job")

        _ = try await jobs.cancel(job.jobID)
        await group.triggerGracefulShutdown()
        try await service.value
    }
}
