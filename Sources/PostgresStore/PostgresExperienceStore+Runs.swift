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

    /// One transaction holding an advisory lock on the schema's kind, so the look-up and the insert are atomic
    /// across processes and machines (stores in other schemas of the database do not wait for it).
    package func create(_ run: StoredRun, activeStates: [String]) async throws -> (run: StoredRun, created: Bool) {
        try await self.perform { client in
            try await client.withTransaction(logger: self.logger) { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || \(".kaizen.run." + run.kind)))",
                    logger: self.logger)
                if let key = run.idempotencyKey,
                    let existing = try await connection.query(
                        """
                        SELECT \(unescaped: Self.runColumns) FROM run
                        WHERE kind = \(run.kind) AND idempotency_key = \(key) AND state = ANY(\(activeStates))
                        LIMIT 1
                        """, logger: self.logger
                    ).collect().first
                {
                    return (try Self.storedRun(existing), false)
                }
                let taken = Set(
                    try await connection.query(
                        """
                        SELECT id FROM run WHERE kind = \(run.kind) AND (id = \(run.id) OR id LIKE \(run.id + "-%"))
                        """, logger: self.logger
                    ).collect().map { try $0.decode(String.self) })
                var created = run
                var counter = 1
                while taken.contains(created.id) {
                    counter += 1
                    created.id = "\(run.id)-\(counter)"
                }
                try await connection.query(
                    """
                    INSERT INTO run (\(unescaped: Self.runColumns))
                    VALUES (\(created.kind), \(created.id), \(created.state), \(created.createdAt), \(created.updatedAt),
                        \(created.body), \(created.owner), \(created.leaseExpiresAt), \(created.idempotencyKey))
                    """, logger: self.logger)
                return (created, true)
            }
        }
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
