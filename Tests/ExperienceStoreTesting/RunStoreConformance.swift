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
}
