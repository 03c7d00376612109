import Experiences
import Foundation
import Logging
import PostgresNIO

extension PostgresExperienceStore {
    static let runColumns =
        "kind, id, state, created_at, updated_at, body, owner, lease_expires_at, idempotency_key"

    static func storedRun(_ row: PostgresRow) throws -> StoredRun {
        let (kind, id, state, createdAt, updatedAt, body, owner, leaseExpiresAt, idempotencyKey) = try row.decode(
            (String, String, String, Date, Date, Data, String?, Date?, String?).self)
        return StoredRun(
            kind: kind, id: id, state: state, createdAt: createdAt, updatedAt: updatedAt, body: body, owner: owner,
            leaseExpiresAt: leaseExpiresAt, idempotencyKey: idempotencyKey)
    }

    package func save(_ run: StoredRun) async throws {
        try await self.perform { client in
            try await client.query(
                """
                INSERT INTO run (\(unescaped: Self.runColumns))
                VALUES (\(run.kind), \(run.id), \(run.state), \(run.createdAt), \(run.updatedAt), \(run.body),
                    \(run.owner), \(run.leaseExpiresAt), \(run.idempotencyKey))
                ON CONFLICT (kind, id) DO UPDATE SET state = EXCLUDED.state, created_at = EXCLUDED.created_at,
                    updated_at = EXCLUDED.updated_at, body = EXCLUDED.body, owner = EXCLUDED.owner,
                    lease_expires_at = EXCLUDED.lease_expires_at, idempotency_key = EXCLUDED.idempotency_key
                """, logger: self.logger)
        }
    }

    /// One statement, no lock: it returns the active run carrying the key, or inserts under the first id not yet
    /// taken. Two creates racing for the same id meet on the primary key; the loser's `ON CONFLICT DO NOTHING` waits
    /// for the winner's commit and inserts nothing, and its next attempt, on a fresh snapshot, sees the winner (the
    /// run to return when the keys match, an id to skip when not). Identical submissions must therefore share
    /// `run.id`, as training jobs do (``TrainingJobRecorder`` derives both from the request).
    package func create(_ run: StoredRun, activeStates: [String]) async throws -> (run: StoredRun, created: Bool) {
        try await self.perform { client in
            for _ in 0..<Self.createAttempts {
                let row = try await client.query(
                    try Self.createStatement(run, activeStates: activeStates), logger: self.logger
                ).collect().first
                if let row {
                    let (created, kind, id, state, createdAt, updatedAt, body, owner, leaseExpiresAt, key) =
                        try row.decode((Bool, String, String, String, Date, Date, Data, String?, Date?, String?).self)
                    let stored = StoredRun(
                        kind: kind, id: id, state: state, createdAt: createdAt, updatedAt: updatedAt, body: body,
                        owner: owner, leaseExpiresAt: leaseExpiresAt, idempotencyKey: key)
                    return (stored, created)
                }
            }
            throw PostgresStoreError.database(
                "creating a run of kind \(run.kind) lost \(Self.createAttempts) races for a free id; try again")
        }
    }

    /// Each lost race means another create committed, so this bounds only pathological contention.
    static let createAttempts = 100

    /// Look-up, first free id (`id`, `id-2`, `id-3`, ...) and insert as one statement; it answers one row, `created`
    /// then the run's columns, or none when a concurrent create took the id first.
    static func createStatement(_ run: StoredRun, activeStates: [String]) throws -> PostgresQuery {
        try """
        WITH existing AS (
            SELECT \(unescaped: Self.runColumns) FROM run
            WHERE kind = \(run.kind) AND idempotency_key = \(run.idempotencyKey) AND state = ANY(\(activeStates))
            LIMIT 1
        ), taken AS (
            SELECT id FROM run WHERE kind = \(run.kind) AND (id = \(run.id) OR starts_with(id, \(run.id + "-")))
        ), free AS (
            SELECT candidate FROM (
                SELECT \(run.id)::text AS candidate, 1::bigint AS n
                UNION ALL
                SELECT \(run.id + "-")::text || n, n FROM generate_series(2::bigint, (SELECT count(*) FROM taken) + 1) AS n
            ) AS candidates
            WHERE candidate NOT IN (SELECT id FROM taken)
            ORDER BY n LIMIT 1
        ), inserted AS (
            INSERT INTO run (\(unescaped: Self.runColumns))
            SELECT \(run.kind), candidate, \(run.state), \(run.createdAt), \(run.updatedAt), \(run.body), \(run.owner),
                \(run.leaseExpiresAt), \(run.idempotencyKey)
            FROM free WHERE NOT EXISTS (SELECT 1 FROM existing)
            ON CONFLICT (kind, id) DO NOTHING
            RETURNING \(unescaped: Self.runColumns)
        )
        SELECT true, \(unescaped: Self.runColumns) FROM inserted
        UNION ALL
        SELECT false, \(unescaped: Self.runColumns) FROM existing
        """
    }

    package func run(kind: String, id: String) async throws -> StoredRun? {
        try await self.perform { client in
            try await client.query(
                "SELECT \(unescaped: Self.runColumns) FROM run WHERE kind = \(kind) AND id = \(id)", logger: self.logger
            ).collect().first.map(Self.storedRun)
        }
    }

    package func runs(kind: String, limit: Int) async throws -> [StoredRun] {
        try await self.perform { client in
            try await client.query(
                """
                SELECT \(unescaped: Self.runColumns) FROM run WHERE kind = \(kind)
                ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT \(max(limit, 0))
                """, logger: self.logger
            ).collect().map(Self.storedRun)
        }
    }

    package func markRuns(kind: String, in states: [String], as newState: String, at time: Date) async throws -> Int {
        try await self.perform { client in
            try await client.query(
                """
                UPDATE run SET state = \(newState), updated_at = \(time)
                WHERE kind = \(kind) AND state = ANY(\(states))
                    AND (lease_expires_at IS NULL OR lease_expires_at <= \(time))
                RETURNING id
                """, logger: self.logger
            ).collect().count
        }
    }

    package func renewLeases(
        kind: String, owner: String, in states: [String], until: Date, at time: Date
    )
        async throws -> [String]
    {
        try await self.perform { client in
            try await client.query(
                """
                UPDATE run SET lease_expires_at = \(until), updated_at = \(time)
                WHERE kind = \(kind) AND owner = \(owner) AND state = ANY(\(states))
                RETURNING id
                """, logger: self.logger
            ).collect().map { try $0.decode(String.self) }
        }
    }

    /// The oldest waiting run, locked with `SKIP LOCKED`: workers claiming at once each get a different run, and
    /// none waits for another's transaction.
    package func claim(
        kind: String, in state: String, as newState: String, owner: String, until: Date, at time: Date
    )
        async throws -> StoredRun?
    {
        try await self.perform { client in
            try await client.query(
                """
                UPDATE run SET state = \(newState), owner = \(owner), lease_expires_at = \(until), updated_at = \(time)
                WHERE (kind, id) = (
                    SELECT kind, id FROM run WHERE kind = \(kind) AND state = \(state)
                    ORDER BY created_at, id COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.runColumns)
                """, logger: self.logger
            ).collect().first.map(Self.storedRun)
        }
    }

    package func replace(_ run: StoredRun, ifIn states: [String], ownedBy owner: String?) async throws -> Bool {
        try await self.perform { client in
            try await client.query(
                """
                UPDATE run SET state = \(run.state), created_at = \(run.createdAt), updated_at = \(run.updatedAt),
                    body = \(run.body), owner = \(run.owner), lease_expires_at = \(run.leaseExpiresAt),
                    idempotency_key = \(run.idempotencyKey)
                WHERE kind = \(run.kind) AND id = \(run.id) AND state = ANY(\(states))
                    AND (\(owner)::text IS NULL OR owner = \(owner))
                RETURNING id
                """, logger: self.logger
            ).collect().isEmpty == false
        }
    }
}
