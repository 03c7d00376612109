import Experiences
import Foundation
import PostgresNIO
import PostgresStore
import Testing

/// Creating a run is one statement that takes no lock of its own: creates on one schema never queue behind each
/// other (ten at once under CI load once took over 30 s behind a schema-wide lock), and a create that meets another
/// one's uncommitted run under the same id waits only for that commit, then answers as if it had come second.
@Suite(.enabled(if: PostgresTestDatabase.shouldRun, Comment(rawValue: PostgresTestDatabase.skipNote)))
struct PostgresRunCreationTests {
    static let time = Date(timeIntervalSince1970: 1_000)

    static func submission(_ id: String, key: String?) -> StoredRun {
        StoredRun(
            kind: "job", id: id, state: "queued", createdAt: Self.time, updatedAt: Self.time, body: Data("{}".utf8),
            idempotencyKey: key)
    }

    /// Another session inserts `id` (with `key`) and, before it commits, the store creates a run under the same id:
    /// the create's answer once that session commits.
    static func createBehindAnUncommittedRun(
        _ id: String, key: String?
    ) async throws -> (run: StoredRun, created: Bool) {
        let address = try PostgresTestDatabase.freshAddress()
        let schema = try #require(address.schema)
        let store = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let outcome = await keepingError {
            // The store's first statement migrates the schema the other session writes to.
            _ = try await store.create(Self.submission("warm-up", key: nil), activeStates: ["queued", "running"])
            return try await PostgresTestDatabase.withAdmin(address) { admin in
                let racing = try await admin.withTransaction(logger: PostgresTestDatabase.logger) { other in
                    try await other.query(
                        """
                        INSERT INTO \(unescaped: schema).run (kind, id, state, created_at, updated_at, body,
                            idempotency_key)
                        VALUES ('job', \(id), 'queued', \(Self.time), \(Self.time), \(Data("{}".utf8)), \(key))
                        """, logger: PostgresTestDatabase.logger)
                    let racing = Task {
                        try await store.create(Self.submission(id, key: key), activeStates: ["queued", "running"])
                    }
                    #expect(try await Self.createWaits(admin: admin), "the create never waited for the other insert")
                    return racing
                }
                return try await racing.value
            }
        }
        await store.close()
        try await PostgresTestDatabase.withAdmin(address) { admin in
            try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
        }
        return try outcome.get()
    }

    @Test func anIdenticalSubmissionCommittedFirstIsReturnedInsteadOfAnError() async throws {
        let answer = try await Self.createBehindAnUncommittedRun("job-k", key: "same-request")
        #expect(!answer.created)
        #expect(answer.run.id == "job-k")
    }

    @Test func aDifferentRunCommittedFirstUnderTheIDMovesTheCreateToTheNextID() async throws {
        let answer = try await Self.createBehindAnUncommittedRun("job-z", key: nil)
        #expect(answer.created)
        #expect(answer.run.id == "job-z-2")
    }

    /// Another session holds the advisory lock creates used to take (an older Kaizen creating a run, or anything
    /// else holding it); a create still answers at once.
    @Test func aCreateTakesNoSchemaWideLock() async throws {
        let address = try PostgresTestDatabase.freshAddress()
        let schema = try #require(address.schema)
        let store = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let outcome = await keepingError {
            _ = try await store.create(Self.submission("warm-up", key: nil), activeStates: ["queued", "running"])
            try await PostgresTestDatabase.withAdmin(address) { admin in
                try await admin.withTransaction(logger: PostgresTestDatabase.logger) { other in
                    try await other.query(
                        "SELECT pg_advisory_xact_lock(hashtext(\(schema + ".kaizen.run.job")))",
                        logger: PostgresTestDatabase.logger)
                    let answer = try await store.create(
                        Self.submission("job-a", key: "a"), activeStates: ["queued", "running"])
                    #expect(answer.created && answer.run.id == "job-a")
                }
            }
        }
        await store.close()
        try await PostgresTestDatabase.withAdmin(address) { admin in
            try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
        }
        try outcome.get()
    }

    /// Whether, within two minutes, a run-creating statement waits for a lock (the other session's uncommitted row).
    static func createWaits(admin: PostgresClient) async throws -> Bool {
        for _ in 0..<1200 {
            let waiting = try await admin.query(
                """
                SELECT count(*)::bigint FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO run%'
                """
            ).collect().first?.decode(Int.self)
            if let waiting, waiting > 0 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
