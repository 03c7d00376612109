import Experiences
import Foundation
import Testing

/// The behaviour every ``RunStore`` must have; run on a fresh, empty store.
package enum RunStoreConformance {
    package struct Check: Sendable, CustomStringConvertible {
        package var description: String
        package var run: @Sendable (any RunStore) async throws -> Void
    }

    package static let checks: [Check] = [
        Check(description: "save, replace and read back", run: saveAndReplace),
        Check(description: "list newest first within a kind", run: listNewestFirst),
        Check(description: "mark running runs as interrupted", run: markInterrupted),
        Check(description: "keep owner, lease and idempotency key", run: keepOwnership),
        Check(description: "concurrent creates claim distinct ids", run: concurrentCreatesClaimDistinctIDs),
        Check(description: "identical active submissions map to one run", run: identicalSubmissionsMapToOneRun),
        Check(description: "mark only runs whose lease ended", run: markOnlyExpiredLeases),
        Check(description: "renew the leases of one owner", run: renewOneOwnersLeases),
        Check(description: "claim the oldest waiting run, each once", run: claimEachWaitingRunOnce),
        Check(description: "replace only while in a state and owned", run: replaceOnlyWhileOwned),
    ]

    static func run(_ kind: String, _ id: String, _ state: String, at seconds: Double, body: String = "{}") -> StoredRun
    {
        let time = Date(timeIntervalSince1970: seconds)
        return StoredRun(kind: kind, id: id, state: state, createdAt: time, updatedAt: time, body: Data(body.utf8))
    }

    @Sendable static func saveAndReplace(_ store: any RunStore) async throws {
        #expect(try await store.run(kind: "job", id: "a") == nil)
        let first = run("job", "a", "running", at: 1_000, body: #"{"step":1}"#)
        try await store.save(first)
        #expect(try await store.run(kind: "job", id: "a") == first)
        #expect(try await store.run(kind: "clustering", id: "a") == nil)
        var second = first
        second.state = "succeeded"
        second.body = Data(#"{"step":2}"#.utf8)
        second.updatedAt = Date(timeIntervalSince1970: 2_000)
        try await store.save(second)
        #expect(try await store.run(kind: "job", id: "a") == second)
    }

    @Sendable static func listNewestFirst(_ store: any RunStore) async throws {
        for (index, id) in ["a", "b", "c"].enumerated() {
            try await store.save(run("job", id, "succeeded", at: Double(index) * 10))
        }
        try await store.save(run("clustering", "z", "succeeded", at: 100))
        #expect(try await store.runs(kind: "job", limit: 10).map(\.id) == ["c", "b", "a"])
        #expect(try await store.runs(kind: "job", limit: 2).map(\.id) == ["c", "b"])
        #expect(try await store.runs(kind: "clustering", limit: 10).map(\.id) == ["z"])
    }

    @Sendable static func markInterrupted(_ store: any RunStore) async throws {
        try await store.save(run("job", "a", "running", at: 1))
        try await store.save(run("job", "b", "queued", at: 2))
        try await store.save(run("job", "c", "succeeded", at: 3))
        try await store.save(run("other", "d", "running", at: 4))
        let changed = try await store.markRuns(
            kind: "job", in: ["running", "queued"], as: "interrupted", at: Date(timeIntervalSince1970: 9))
        #expect(changed == 2)
        #expect(try await store.run(kind: "job", id: "a")?.state == "interrupted")
        #expect(try await store.run(kind: "job", id: "a")?.updatedAt == Date(timeIntervalSince1970: 9))
        #expect(try await store.run(kind: "job", id: "b")?.state == "interrupted")
        #expect(try await store.run(kind: "job", id: "c")?.state == "succeeded")
        #expect(try await store.run(kind: "other", id: "d")?.state == "running")
    }

    @Sendable static func keepOwnership(_ store: any RunStore) async throws {
        var leased = run("job", "a", "running", at: 1_000)
        leased.owner = "host:1:abc"
        leased.leaseExpiresAt = Date(timeIntervalSince1970: 1_030)
        leased.idempotencyKey = "key-1"
        try await store.save(leased)
        #expect(try await store.run(kind: "job", id: "a") == leased)
        let created = try await store.create(run("job", "b", "queued", at: 1_001), activeStates: ["queued"])
        #expect(created.created && created.run.id == "b")
        #expect(try await store.run(kind: "job", id: "b") == created.run)
    }

    /// Ten submissions at once with the same base id and no key: ten runs, ten ids.
    @Sendable static func concurrentCreatesClaimDistinctIDs(_ store: any RunStore) async throws {
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<10 {
                group.addTask {
                    let created = try await store.create(
                        run("job", "job-x", "queued", at: Double(index)), activeStates: ["queued", "running"])
                    #expect(created.created)
                    return created.run.id
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(ids) == Set(["job-x"] + (2...10).map { "job-x-\($0)" }))
        #expect(try await store.runs(kind: "job", limit: 20).count == 10)
    }

    /// Ten identical submissions at once: one run; once it has finished, the same key starts a new one.
    @Sendable static func identicalSubmissionsMapToOneRun(_ store: any RunStore) async throws {
        let results = try await withThrowingTaskGroup(of: (run: StoredRun, created: Bool).self) { group in
            for _ in 0..<10 {
                group.addTask {
                    var submission = run("job", "job-y", "queued", at: 5)
                    submission.idempotencyKey = "same-request"
                    return try await store.create(submission, activeStates: ["queued", "running"])
                }
            }
            return try await group.reduce(into: [(run: StoredRun, created: Bool)]()) { $0.append($1) }
        }
        #expect(results.filter(\.created).count == 1)
        #expect(Set(results.map(\.run.id)) == ["job-y"])
        #expect(try await store.runs(kind: "job", limit: 20).count == 1)

        var finished = try #require(try await store.run(kind: "job", id: "job-y"))
        finished.state = "completed"
        try await store.save(finished)
        var again = run("job", "job-y", "queued", at: 6)
        again.idempotencyKey = "same-request"
        let repeated = try await store.create(again, activeStates: ["queued", "running"])
        #expect(repeated.created && repeated.run.id == "job-y-2")
    }

    @Sendable static func markOnlyExpiredLeases(_ store: any RunStore) async throws {
        var live = run("job", "live", "running", at: 1)
        live.owner = "other-process"
        live.leaseExpiresAt = Date(timeIntervalSince1970: 100)
        var expired = run("job", "expired", "running", at: 2)
        expired.owner = "dead-process"
        expired.leaseExpiresAt = Date(timeIntervalSince1970: 5)
        for stored in [live, expired, run("job", "unowned", "queued", at: 3)] {
            try await store.save(stored)
        }
        let changed = try await store.markRuns(
            kind: "job", in: ["running", "queued"], as: "interrupted", at: Date(timeIntervalSince1970: 10))
        #expect(changed == 2)
        #expect(try await store.run(kind: "job", id: "live")?.state == "running")
        #expect(try await store.run(kind: "job", id: "expired")?.state == "interrupted")
        #expect(try await store.run(kind: "job", id: "unowned")?.state == "interrupted")
    }

    @Sendable static func renewOneOwnersLeases(_ store: any RunStore) async throws {
        for (id, owner, state) in [("a", "me", "running"), ("b", "me", "completed"), ("c", "you", "running")] {
            var stored = run("job", id, state, at: 1)
            stored.owner = owner
            stored.leaseExpiresAt = Date(timeIntervalSince1970: 10)
            try await store.save(stored)
        }
        let until = Date(timeIntervalSince1970: 50)
        let renewed = try await store.renewLeases(
            kind: "job", owner: "me", in: ["running"], until: until, at: Date(timeIntervalSince1970: 20))
        #expect(renewed == ["a"])
        #expect(try await store.run(kind: "job", id: "a")?.leaseExpiresAt == until)
        #expect(try await store.run(kind: "job", id: "a")?.updatedAt == Date(timeIntervalSince1970: 20))
        #expect(try await store.run(kind: "job", id: "b")?.leaseExpiresAt == Date(timeIntervalSince1970: 10))
        #expect(try await store.run(kind: "job", id: "c")?.leaseExpiresAt == Date(timeIntervalSince1970: 10))
    }

    /// Four workers claiming at once from five waiting runs: oldest first, every run to one worker only.
    @Sendable static func claimEachWaitingRunOnce(_ store: any RunStore) async throws {
        for index in 0..<5 {
            try await store.save(run("job", "q\(index)", "queued", at: Double(10 - index)))
        }
        try await store.save(run("job", "done", "completed", at: 0))
        try await store.save(run("other", "elsewhere", "queued", at: 0))
        let until = Date(timeIntervalSince1970: 100)
        let first = try await store.claim(
            kind: "job", in: "queued", as: "running", owner: "w0", until: until, at: Date(timeIntervalSince1970: 20))
        #expect(first?.id == "q4", "the oldest waiting run")
        #expect(first?.state == "running" && first?.owner == "w0" && first?.leaseExpiresAt == until)
        #expect(try await store.run(kind: "job", id: "q4") == first)
        let claimed = try await withThrowingTaskGroup(of: String?.self) { group in
            for worker in 1...5 {
                group.addTask {
                    try await store.claim(
                        kind: "job", in: "queued", as: "running", owner: "w\(worker)", until: until,
                        at: Date(timeIntervalSince1970: 21))?.id
                }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(claimed.compactMap { $0 }.sorted() == ["q0", "q1", "q2", "q3"])
        #expect(claimed.filter { $0 == nil }.count == 1, "nothing is left for the fifth")
        #expect(try await store.run(kind: "other", id: "elsewhere")?.state == "queued")
    }

    @Sendable static func replaceOnlyWhileOwned(_ store: any RunStore) async throws {
        var running = run("job", "a", "running", at: 1)
        running.owner = "w1"
        try await store.save(running)
        var finished = running
        finished.state = "completed"
        finished.owner = nil
        #expect(try await !store.replace(finished, ifIn: ["running"], ownedBy: "w2"), "another owner's run")
        #expect(try await !store.replace(finished, ifIn: ["queued"], ownedBy: nil), "a run in another state")
        #expect(try await store.run(kind: "job", id: "a") == running)
        #expect(try await store.replace(finished, ifIn: ["running"], ownedBy: "w1"))
        #expect(try await store.run(kind: "job", id: "a") == finished)
        #expect(try await !store.replace(running, ifIn: ["running"], ownedBy: nil), "an ended run stays ended")
        #expect(try await !store.replace(run("job", "missing", "completed", at: 1), ifIn: ["running"], ownedBy: nil))
    }
}
