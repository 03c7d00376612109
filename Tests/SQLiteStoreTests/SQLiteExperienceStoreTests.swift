import ExperienceStoreTesting
import Experiences
import Foundation
import GRDB
import SQLiteStore
import Testing

struct SQLiteExperienceStoreTests {
    @Test(arguments: ExperienceStoreConformance.checks)
    func conformanceInMemory(_ check: ExperienceStoreConformance.Check) async throws {
        try await check.run(SQLiteExperienceStore.inMemory())
    }

    @Test(arguments: ExperienceStoreConformance.checks)
    func conformanceOnFile(_ check: ExperienceStoreConformance.Check) async throws {
        try await withTemporaryDatabase { path in
            try await check.run(SQLiteExperienceStore(path: path))
        }
    }

    @Test(arguments: RunStoreConformance.checks)
    func runStoreConformance(_ check: RunStoreConformance.Check) async throws {
        try await withTemporaryDatabase { path in
            try await check.run(SQLiteExperienceStore(path: path))
        }
    }

    @Test func fileStoreUsesWALAndCreatesItsFolder() async throws {
        try await withTemporaryDatabase { path in
            _ = try SQLiteExperienceStore(path: path)
            let pool = try DatabasePool(path: path)
            let mode = try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            let indexes = try await pool.read { db in try db.indexes(on: "experience").map(\.name) }
            #expect(Set(indexes).isSuperset(of: ["experience_on_created_at", "experience_on_prompt_id_created_at"]))
        }
    }

    @Test func dataSurvivesReopening() async throws {
        try await withTemporaryDatabase { path in
            _ = try await SQLiteExperienceStore(path: path).insert(ExperienceStoreConformance.sample)
            let reopened = try SQLiteExperienceStore(path: path)
            #expect(try await reopened.statistics(failureThreshold: 0.5).total == 12)
        }
    }

    /// A store written before ids were kept composed may hold one id in two forms; the migration keeps the row the
    /// store keeps now (the composed form, else the earliest logged) and composes the rest.
    @Test func theMigrationComposesIDsAndDropsTheirDuplicates() async throws {
        let queue = try DatabaseQueue()
        try SQLiteExperienceStore.migrator.migrate(queue, upTo: "v3: run owners, leases and idempotency keys")
        try await queue.write { db in
            for row in UncomposedIDFixture.rows {
                try db.execute(
                    sql: "INSERT INTO experience (id, created_at, input, response, reward) VALUES (?, ?, 'q', ?, 0.1)",
                    arguments: [row.id, row.createdAt, row.response])
            }
        }
        let store = try SQLiteExperienceStore(writer: queue)
        let stored = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, response FROM experience ORDER BY response").map {
                (id: Array(($0["id"] as String).utf8), response: $0["response"] as String)
            }
        }
        try await UncomposedIDFixture.expectComposed(stored, store: store)
    }

    private func withTemporaryDatabase(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.appendingPathComponent("nested/experiences.sqlite").path)
    }
}

/// A row the store cannot decode is told without GRDB's SQL and the rest of the row (which reached a training job's
/// `error`, with another experience's text), and names the column.
struct UnreadableRowTests {
    @Test func anUndecodableDateIsNamedWithoutTheStatementOrTheRow() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteExperienceStore(writer: queue)
        _ = try await store.insert([
            Experience(id: "secret-neighbour", input: "private question", response: "private answer", success: true)
        ])
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO experience (id, created_at, input, response, success, metadata)
                    VALUES ('poisoned', '10000-01-01 00:00:00.000', 'q', 'a', 1, '{}')
                    """)
        }
        do {
            _ = try await store.experiences(ids: ["secret-neighbour", "poisoned"])
            Issue.record("an undecodable row was read")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix("the store holds a row it cannot read back: could not decode"), "\(message)")
            #expect(message.contains("(column createdAt)") || message.contains("(column created_at)"), "\(message)")
            #expect(!message.contains("SELECT") && !message.contains("private"), "\(message)")
        }
    }
}
