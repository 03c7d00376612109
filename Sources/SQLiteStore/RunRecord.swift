import Experiences
import Foundation
import GRDB

/// One row of the `run` table: a ``StoredRun``.
struct RunRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run"

    var kind: String
    var id: String
    var state: String
    var createdAt: Date
    var updatedAt: Date
    var body: Data

    enum CodingKeys: String, CodingKey {
        case kind, id, state
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case body
    }

    enum Columns {
        static let kind = Column(CodingKeys.kind)
        static let id = Column(CodingKeys.id)
        static let state = Column(CodingKeys.state)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(_ run: StoredRun) {
        self.kind = run.kind
        self.id = run.id
        self.state = run.state
        self.createdAt = run.createdAt
        self.updatedAt = run.updatedAt
        self.body = run.body
    }

    var run: StoredRun {
        StoredRun(
            kind: self.kind, id: self.id, state: self.state, createdAt: self.createdAt, updatedAt: self.updatedAt,
            body: self.body)
    }
}

extension SQLiteExperienceStore {
    package func save(_ run: StoredRun) async throws {
        try await self.writer.write { db in
            try RunRecord(run).upsert(db)
        }
    }

    package func run(kind: String, id: String) async throws -> StoredRun? {
        try await self.writer.read { db in
            try RunRecord.filter(RunRecord.Columns.kind == kind && RunRecord.Columns.id == id).fetchOne(db)?.run
        }
    }

    package func runs(kind: String, limit: Int) async throws -> [StoredRun] {
        try await self.writer.read { db in
            try RunRecord.filter(RunRecord.Columns.kind == kind)
                .order(RunRecord.Columns.createdAt.desc, RunRecord.Columns.id.desc)
                .limit(max(limit, 0))
                .fetchAll(db).map(\.run)
        }
    }

    package func markRuns(kind: String, in states: [String], as newState: String, at time: Date) async throws -> Int {
        try await self.writer.write { db in
            try RunRecord.filter(RunRecord.Columns.kind == kind && states.contains(RunRecord.Columns.state))
                .updateAll(db, [RunRecord.Columns.state.set(to: newState), Column("updated_at").set(to: time)])
        }
    }
}
