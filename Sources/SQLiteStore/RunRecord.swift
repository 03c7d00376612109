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
    var owner: String?
    var leaseExpiresAt: Date?
    var idempotencyKey: String?

    enum CodingKeys: String, CodingKey {
        case kind, id, state
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case body, owner
        case leaseExpiresAt = "lease_expires_at"
        case idempotencyKey = "idempotency_key"
    }

    enum Columns {
        static let kind = Column(CodingKeys.kind)
        static let id = Column(CodingKeys.id)
        static let state = Column(CodingKeys.state)
        static let createdAt = Column(CodingKeys.createdAt)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let owner = Column(CodingKeys.owner)
        static let leaseExpiresAt = Column(CodingKeys.leaseExpiresAt)
        static let idempotencyKey = Column(CodingKeys.idempotencyKey)
    }

    init(_ run: StoredRun) {
        self.kind = run.kind
        self.id = run.id
        self.state = run.state
        self.createdAt = run.createdAt
        self.updatedAt = run.updatedAt
        self.body = run.body
        self.owner = run.owner
        self.leaseExpiresAt = run.leaseExpiresAt
        self.idempotencyKey = run.idempotencyKey
    }

    var run: StoredRun {
        StoredRun(
            kind: self.kind, id: self.id, state: self.state, createdAt: self.createdAt, updatedAt: self.updatedAt,
            body: self.body, owner: self.owner, leaseExpiresAt: self.leaseExpiresAt,
            idempotencyKey: self.idempotencyKey)
    }
}

extension SQLiteExperienceStore {
    package func save(_ run: StoredRun) async throws {
        try await self.writer.write { db in
            try RunRecord(run).upsert(db)
        }
    }

    /// One write transaction, which SQLite makes `IMMEDIATE` (GRDB's default for writes): other processes wait, so
    /// the look-up and the insert are atomic across processes.
    package func create(_ run: StoredRun, activeStates: [String]) async throws -> (run: StoredRun, created: Bool) {
        try await self.writer.write { db in
            if let key = run.idempotencyKey,
                let existing = try RunRecord.filter(
                    RunRecord.Columns.kind == run.kind && RunRecord.Columns.idempotencyKey == key
                        && activeStates.contains(RunRecord.Columns.state)
                ).fetchOne(db)
            {
                return (existing.run, false)
            }
            var created = run
            var counter = 1
            while try RunRecord.exists(db, key: ["kind": run.kind, "id": created.id]) {
                counter += 1
                created.id = "\(run.id)-\(counter)"
            }
            try RunRecord(created).insert(db)
            return (created, true)
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
                .filter(RunRecord.Columns.leaseExpiresAt == nil || RunRecord.Columns.leaseExpiresAt <= time)
                .updateAll(db, [RunRecord.Columns.state.set(to: newState), RunRecord.Columns.updatedAt.set(to: time)])
        }
    }

    package func renewLeases(
        kind: String, owner: String, in states: [String], until: Date, at time: Date
    )
        async throws -> [String]
    {
        try await self.writer.write { db in
            let owned = RunRecord.filter(
                RunRecord.Columns.kind == kind && RunRecord.Columns.owner == owner
                    && states.contains(RunRecord.Columns.state))
            let ids = try owned.select(RunRecord.Columns.id, as: String.self).fetchAll(db)
            try owned.updateAll(
                db, [RunRecord.Columns.leaseExpiresAt.set(to: until), RunRecord.Columns.updatedAt.set(to: time)])
            return ids
        }
    }

    /// One `IMMEDIATE` write transaction: other processes wait, so no run is claimed twice. An idle worker polls
    /// often, so a read first keeps the write lock free while nothing waits.
    package func claim(
        kind: String, in state: String, as newState: String, owner: String, until: Date, at time: Date
    )
        async throws -> StoredRun?
    {
        let waiting = try await self.writer.read { db in
            try RunRecord.filter(RunRecord.Columns.kind == kind && RunRecord.Columns.state == state).fetchCount(db) > 0
        }
        guard waiting else { return nil }
        return try await self.writer.write { db in
            guard
                var record = try RunRecord.filter(RunRecord.Columns.kind == kind && RunRecord.Columns.state == state)
                    .order(RunRecord.Columns.createdAt, RunRecord.Columns.id)
                    .fetchOne(db)
            else { return nil }
            record.state = newState
            record.owner = owner
            record.leaseExpiresAt = until
            record.updatedAt = time
            try record.update(db)
            return record.run
        }
    }

    package func replace(_ run: StoredRun, ifIn states: [String], ownedBy owner: String?) async throws -> Bool {
        try await self.writer.write { db in
            var current = RunRecord.filter(
                RunRecord.Columns.kind == run.kind && RunRecord.Columns.id == run.id
                    && states.contains(RunRecord.Columns.state))
            if let owner {
                current = current.filter(RunRecord.Columns.owner == owner)
            }
            guard try current.fetchCount(db) > 0 else { return false }
            try RunRecord(run).update(db)
            return true
        }
    }
}
