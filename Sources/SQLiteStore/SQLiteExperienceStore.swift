import Experiences
import Foundation
import GRDB

/// The embedded store: one SQLite file (WAL mode) through GRDB, holding experiences and the pipeline's runs.
///
/// Safe to share between tasks and processes: GRDB serialises writes, WAL lets reads run beside them.
package struct SQLiteExperienceStore: ExperienceStore, RunStore {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path`, creating its folder, and migrates it.
    /// - Throws: When the file cannot be created or opened, or is not a Kaizen database.
    package init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        try self.init(writer: DatabasePool(path: path, configuration: configuration))
    }

    /// Wraps an open database (e.g. an in-memory `DatabaseQueue()` in tests) and migrates it.
    package init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// An empty store in memory, for tests.
    package static func inMemory() throws -> SQLiteExperienceStore {
        try SQLiteExperienceStore(writer: DatabaseQueue())
    }

    /// The schema, one migration per change; constraints live here, not in Swift.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: experiences") { db in
            try db.create(table: ExperienceRecord.databaseTableName) { table in
                table.primaryKey("id", .text).check { length($0) > 0 }
                table.column("created_at", .datetime)
                table.column("prompt_id", .text)
                table.column("input", .text).notNull()
                table.column("context", .text)
                table.column("response", .text).notNull()
                table.column("reference", .text)
                table.column("reward", .double).check { $0 == nil || ($0 >= 0 && $0 <= 1) }
                table.column("success", .boolean)
                table.column("failure_type", .text)
                table.column("metadata", .jsonText).notNull().defaults(to: "{}")
                table.check(sql: "reward IS NOT NULL OR success IS NOT NULL")
            }
            // The clustering and training queries filter by time and prompt, then by the failure test.
            try db.create(
                index: "experience_on_created_at", on: ExperienceRecord.databaseTableName, columns: ["created_at"])
            try db.create(
                index: "experience_on_prompt_id_created_at", on: ExperienceRecord.databaseTableName,
                columns: ["prompt_id", "created_at"])
            try db.create(
                index: "experience_on_success_reward", on: ExperienceRecord.databaseTableName,
                columns: ["success", "reward"])
        }
        migrator.registerMigration("v2: runs") { db in
            try db.create(table: RunRecord.databaseTableName) { table in
                table.column("kind", .text).notNull()
                table.column("id", .text).notNull()
                table.column("state", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("body", .blob).notNull()
                table.primaryKey(["kind", "id"])
            }
            try db.create(
                index: "run_on_kind_created_at", on: RunRecord.databaseTableName, columns: ["kind", "created_at"])
        }
        migrator.registerMigration("v3: run owners, leases and idempotency keys") { db in
            try db.alter(table: RunRecord.databaseTableName) { table in
                table.add(column: "owner", .text)
                table.add(column: "lease_expires_at", .datetime)
                table.add(column: "idempotency_key", .text)
            }
            // Recovery looks for active runs by kind and state; submissions look for an active run by key.
            try db.create(
                index: "run_on_kind_state", on: RunRecord.databaseTableName, columns: ["kind", "state"])
            try db.create(
                index: "run_on_kind_idempotency_key", on: RunRecord.databaseTableName,
                columns: ["kind", "idempotency_key"])
        }
        migrator.registerMigration("v4: experience ids in composed form") { db in
            try Self.composeExperienceIDs(db)
        }
        return migrator
    }

    /// Rewrites every experience id to its composed form (``Swift/String/composedID``), which new ids have had
    /// since this migration. Of ids that were one id in two forms, the one the store would have kept stays, as
    /// importing them in the new form keeps it: the composed form if stored, else the earliest logged (missing
    /// times first, ties by bytes); the others are removed as the duplicates they are.
    static func composeExperienceIDs(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id FROM experience WHERE length(CAST(id AS BLOB)) <> length(id)
                ORDER BY created_at, CAST(id AS BLOB)
                """)
        let ids: [String] = rows.map { $0["id"] }
        var kept = Set(ids.filter { $0.composedID.utf8.elementsEqual($0.utf8) }.map { Array($0.utf8) })
        for id in ids {
            let composed = id.composedID
            guard !composed.utf8.elementsEqual(id.utf8) else { continue }
            if kept.insert(Array(composed.utf8)).inserted {
                try db.execute(sql: "UPDATE experience SET id = ? WHERE id = ?", arguments: [composed, id])
            } else {
                try db.execute(sql: "DELETE FROM experience WHERE id = ?", arguments: [id])
            }
        }
    }

    package func insert(_ experiences: [Experience]) async throws -> InsertSummary {
        let records = try experiences.map(ExperienceRecord.init)
        return try await self.writer.write { db in
            var summary = InsertSummary(inserted: 0, alreadyPresent: 0)
            for record in records {
                try record.insert(db, onConflict: .ignore)
                if db.changesCount > 0 {
                    summary.inserted += 1
                } else {
                    summary.alreadyPresent += 1
                }
            }
            return summary
        }
    }

    package func failures(_ query: ExperienceQuery) async throws -> [Experience] {
        try await self.reading { db in
            var request = ExperienceRecord.all()
                .filtered(by: query)
                .failures(threshold: query.failureThreshold)
                .order(ExperienceRecord.Columns.createdAt, ExperienceRecord.Columns.id)
            if let limit = query.limit {
                request = request.limit(max(limit, 0))
            }
            return try request.fetchAll(db).map { try $0.experience() }
        }
    }

    package func sampleSuccesses(_ query: ExperienceQuery, count: Int, seed: UInt64) async throws -> [Experience] {
        let ids = try await self.reading { db in
            try ExperienceRecord.all()
                .filtered(by: query)
                .successes(threshold: query.failureThreshold)
                .select(ExperienceRecord.Columns.id, as: String.self)
                .fetchAll(db)
        }
        return try await self.experiences(ids: SuccessSampling.sample(ids, count: count, seed: seed))
    }

    package func experiences(ids: [String]) async throws -> [Experience] {
        let records = try await self.reading { db in
            try ExperienceRecord.fetchAll(db, keys: ids.map(\.composedID))
        }
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try ids.compactMap { try byID[$0]?.experience() }
    }

    package func statistics(failureThreshold: Double) async throws -> ExperienceStatistics {
        try await self.reading { db in
            let all = ExperienceRecord.all()
            let failed = all.failures(threshold: failureThreshold)
            var statistics = ExperienceStatistics(
                total: try all.fetchCount(db), failures: try failed.fetchCount(db), byPromptID: [:], failuresByType: [:]
            )
            let failureSQL = "(success = 0 OR (success IS NULL AND reward < ?))"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT prompt_id, COUNT(*) AS total, SUM(CASE WHEN \(failureSQL) THEN 1 ELSE 0 END) AS failures
                    FROM experience GROUP BY prompt_id
                    """,
                arguments: [failureThreshold])
            for row in rows {
                let key: String = row["prompt_id"] ?? ExperienceStatistics.noPromptID
                statistics.byPromptID[key] = .init(total: row["total"], failures: row["failures"])
            }
            let typeRows = try Row.fetchAll(
                db,
                sql: "SELECT failure_type, COUNT(*) AS count FROM experience WHERE \(failureSQL) GROUP BY failure_type",
                arguments: [failureThreshold])
            for row in typeRows {
                let key: String = row["failure_type"] ?? ExperienceStatistics.unlabelled
                statistics.failuresByType[key] = row["count"]
            }
            return statistics
        }
    }
}
