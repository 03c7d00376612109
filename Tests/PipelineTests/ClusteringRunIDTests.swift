import Experiences
import FailureClustering
import Foundation
import Stages
import Testing

/// Identical clusterings share a content-derived id only until one is stored: the next gets `-2`, `-3`, ... even when
/// they end at the same time, so no caller's run is replaced under it.
struct ClusteringRunIDTests {
    @Test func identicalClusteringsEndingAtOnceGetDistinctIdsAndEachReadsBackAsItself() async throws {
        let runs = GatheringRunStore(gathering: 4)
        let stage = ClusteringStage(store: ClusterMemberBoundTests.store(failures: 40), runs: runs)
        let request = ClusterRequest(
            configuration: FailureClusterer.Configuration(clusterCount: 2, seed: 1, runCount: 1))
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await stage.cluster(request).clusteringID } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await runs.stopGathering()
        let base = try #require(ids.min(by: { $0.count < $1.count }))
        #expect(base.hasPrefix("clu-"))
        #expect(Set(ids) == [base, "\(base)-2", "\(base)-3", "\(base)-4"])
        for id in ids {
            #expect(try await stage.run(id: id).clusteringID == id)
        }
        #expect(try await runs.runs(kind: ClusteringStage.runKind, limit: 10).count == 4)
    }
}

/// A run store whose look-ups by id answer only once `gathering` of them are waiting, each with what the store held
/// when it was asked: the clusterings of one test all look up their id before any is stored, the worst interleaving
/// of a check-then-save, made certain.
actor GatheringRunStore: RunStore {
    let inner: any RunStore = InMemoryRunStore()
    var gathering: Int
    var waiting: [CheckedContinuation<Void, Never>] = []

    init(gathering: Int) { self.gathering = gathering }

    func stopGathering() {
        self.gathering = 0
        for waiter in self.waiting { waiter.resume() }
        self.waiting.removeAll()
    }

    func run(kind: String, id: String) async throws -> StoredRun? {
        let answer = try await self.inner.run(kind: kind, id: id)
        if self.gathering > 0 {
            if self.waiting.count + 1 >= self.gathering {
                self.stopGathering()
            } else {
                await withCheckedContinuation { self.waiting.append($0) }
            }
        }
        return answer
    }

    func save(_ run: StoredRun) async throws { try await self.inner.save(run) }
    func create(_ run: StoredRun, activeStates: [String]) async throws -> (run: StoredRun, created: Bool) {
        try await self.inner.create(run, activeStates: activeStates)
    }
    func runs(kind: String, limit: Int) async throws -> [StoredRun] {
        try await self.inner.runs(kind: kind, limit: limit)
    }
    func markRuns(kind: String, in states: [String], as newState: String, at time: Date) async throws -> Int {
        try await self.inner.markRuns(kind: kind, in: states, as: newState, at: time)
    }
    func renewLeases(
        kind: String, owner: String, in states: [String], until: Date, at time: Date
    ) async throws
        -> [String]
    {
        try await self.inner.renewLeases(kind: kind, owner: owner, in: states, until: until, at: time)
    }
    func claim(
        kind: String, in state: String, as newState: String, owner: String, until: Date, at time: Date
    )
        async throws -> StoredRun?
    {
        try await self.inner.claim(kind: kind, in: state, as: newState, owner: owner, until: until, at: time)
    }
    func replace(_ run: StoredRun, ifIn states: [String], ownedBy owner: String?) async throws -> Bool {
        try await self.inner.replace(run, ifIn: states, ownedBy: owner)
    }
}
