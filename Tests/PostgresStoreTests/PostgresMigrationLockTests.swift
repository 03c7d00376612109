import ExperienceStoreTesting
import Experiences
import Foundation
import PostgresNIO
import PostgresStore
import Testing

/// A store's first statement checks the schema, and that check waits for no other process: a schema that is current
/// is only read, and a migration locks its own schema, so a slow or stuck migration anywhere in the database does not
/// hold up stores elsewhere (the whole test suite on two cores once queued fifty stores behind one migration lock
/// for minutes).
@Suite(.enabled(if: PostgresTestDatabase.shouldRun, Comment(rawValue: PostgresTestDatabase.skipNote)))
struct PostgresMigrationLockTests {
    /// Seconds a store here may take for one operation: ample for a check that waits for nobody even with the whole
    /// test suite running on two cores (60 s was exceeded twice under a loaded suite), short beside a lock held until
    /// the test lets go.
    static let answerWithin: Double = 110

    /// Schema A's migration is stuck (another session holds its `kaizen_migration` table); a store in schema B
    /// still answers.
    @Test func aStuckMigrationInOneSchemaDoesNotHoldUpAnother() async throws {
        var stuck = try PostgresTestDatabase.freshAddress()
        // The stuck read waits through everything the test does while it holds the lock (the other store's answer
        // included), so it gets more than the other store's timeout: at 120 s against 110 s it once timed out first
        // in CI, when the whole suite ran slowly (2026-12-07).
        stuck.timeout = 3 * Self.answerWithin
        var other = try PostgresTestDatabase.freshAddress()
        other.timeout = Self.answerWithin
        let stuckSchema = try #require(stuck.schema)
        let stuckStore = PostgresExperienceStore(url: stuck, logger: PostgresTestDatabase.logger)
        let otherStore = PostgresExperienceStore(url: other, logger: PostgresTestDatabase.logger)
        let outcome = await keepingError {
            try await PostgresTestDatabase.withAdmin(stuck) { admin in
                try await admin.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(stuckSchema)"))
                try await admin.query(
                    PostgresQuery(
                        unsafeSQL: "CREATE TABLE \(stuckSchema).kaizen_migration "
                            + "(name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"))
                let stuckRead = try await admin.withTransaction(logger: PostgresTestDatabase.logger) { locked in
                    try await locked.query(
                        PostgresQuery(unsafeSQL: "LOCK TABLE \(stuckSchema).kaizen_migration IN ACCESS EXCLUSIVE MODE"),
                        logger: PostgresTestDatabase.logger)
                    let stuckRead = Task { try await stuckStore.statistics(failureThreshold: 0.5) }
                    #expect(try await Self.waitsForTable(stuckSchema, admin: admin), "schema A's migration never began")
                    #expect(try await otherStore.statistics(failureThreshold: 0.5).total == 0)
                    return stuckRead
                }
                // The table lock ended with its transaction: schema A migrates and answers too.
                #expect(try await stuckRead.value.total == 0)
            }
        }
        await stuckStore.close()
        await otherStore.close()
        try await Self.drop([stuck.schema, other.schema], address: stuck)
        try outcome.get()
    }

    /// Another process holds this schema's migration lock (it is migrating, or stuck doing so); a store opened on
    /// the schema, which is current, answers without waiting for it.
    @Test func aStoreOnACurrentSchemaAnswersWhileItsMigrationLockIsHeld() async throws {
        var address = try PostgresTestDatabase.freshAddress()
        address.timeout = Self.answerWithin
        let schema = try #require(address.schema)
        let first = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let second = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let outcome = await keepingError {
            _ = try await first.insert(ExperienceStoreConformance.sample)
            try await PostgresTestDatabase.withAdmin(address) { admin in
                try await admin.withTransaction(logger: PostgresTestDatabase.logger) { locked in
                    try await locked.query(
                        "SELECT pg_advisory_xact_lock(hashtext(\(PostgresSchema.lockName(schema: schema))))",
                        logger: PostgresTestDatabase.logger)
                    let total = try await second.statistics(failureThreshold: 0.5).total
                    #expect(total == ExperienceStoreConformance.sample.count)
                }
            }
        }
        await first.close()
        await second.close()
        try await Self.drop([schema], address: address)
        try outcome.get()
    }

    /// Whether some session waits for a lock on `schema`'s `kaizen_migration` table within a minute.
    static func waitsForTable(_ schema: String, admin: PostgresClient) async throws -> Bool {
        for _ in 0..<600 {
            let waiting = try await admin.query(
                PostgresQuery(
                    unsafeSQL: "SELECT count(*)::bigint FROM pg_locks WHERE NOT granted "
                        + "AND relation = to_regclass('\(schema).kaizen_migration')")
            ).collect().first?.decode(Int.self)
            if let waiting, waiting > 0 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    static func drop(_ schemas: [String?], address: PostgresDatabaseURL) async throws {
        try await PostgresTestDatabase.withAdmin(address) { admin in
            for schema in schemas.compactMap({ $0 }) {
                try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
            }
        }
    }
}
