import Logging
import PostgresNIO

/// The schema, one migration per change, applied in order and recorded in `kaizen_migration`; the same tables,
/// constraints and indexes as the SQLite store's (`SQLiteExperienceStore.migrator`).
package enum PostgresSchema {
    static let migrations: [(name: String, statements: [String])] = [
        (
            "v1: experiences",
            [
                """
                CREATE TABLE experience (
                    id TEXT PRIMARY KEY CHECK (length(id) > 0),
                    created_at TIMESTAMPTZ,
                    prompt_id TEXT,
                    input TEXT NOT NULL,
                    context TEXT,
                    response TEXT NOT NULL,
                    reference TEXT,
                    reward DOUBLE PRECISION CHECK (reward IS NULL OR (reward >= 0 AND reward <= 1)),
                    success BOOLEAN,
                    failure_type TEXT,
                    metadata TEXT NOT NULL DEFAULT '{}',
                    CHECK (reward IS NOT NULL OR success IS NOT NULL)
                )
                """,
                // The clustering and training queries filter by time and prompt, then by the failure test.
                "CREATE INDEX experience_on_created_at ON experience (created_at)",
                "CREATE INDEX experience_on_prompt_id_created_at ON experience (prompt_id, created_at)",
                "CREATE INDEX experience_on_success_reward ON experience (success, reward)",
            ]
        ),
        (
            "v2: runs",
            [
                """
                CREATE TABLE run (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    body BYTEA NOT NULL,
                    PRIMARY KEY (kind, id)
                )
                """,
                "CREATE INDEX run_on_kind_created_at ON run (kind, created_at)",
            ]
        ),
        (
            "v3: run owners, leases and idempotency keys",
            [
                "ALTER TABLE run ADD COLUMN owner TEXT",
                "ALTER TABLE run ADD COLUMN lease_expires_at TIMESTAMPTZ",
                "ALTER TABLE run ADD COLUMN idempotency_key TEXT",
                // Recovery looks for active runs by kind and state; submissions look for an active run by key.
                "CREATE INDEX run_on_kind_state ON run (kind, state)",
                "CREATE INDEX run_on_kind_idempotency_key ON run (kind, idempotency_key)",
            ]
        ),
        (
            "v4: prompt version claims",
            [
                // One row per version number ever claimed; the primary key is what makes a claim exclusive.
                """
                CREATE TABLE prompt_version_claim (
                    family INTEGER NOT NULL CHECK (family >= 1),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                    PRIMARY KEY (family, version)
                )
                """
            ]
        ),
        (
            "v5: experience ids in composed form",
            [
                // As SQLiteExperienceStore.composeExperienceIDs: of one id stored in several forms the composed
                // form stays, else the earliest logged (missing times first, ties by bytes), and ids become
                // composed. normalize() needs PostgreSQL 13 and a UTF8 database; elsewhere no id is rewritten.
                """
                DO $$
                BEGIN
                    IF current_setting('server_version_num')::int < 130000
                        OR current_setting('server_encoding') <> 'UTF8' THEN
                        RETURN;
                    END IF;
                    EXECUTE $sql$
                        WITH uncomposed AS (
                            SELECT id, created_at, normalize(id, NFC) AS composed
                            FROM experience WHERE id IS NOT NFC NORMALIZED
                        )
                        DELETE FROM experience e USING uncomposed u
                        WHERE e.id = u.id AND (
                            EXISTS (SELECT 1 FROM experience k WHERE k.id = u.composed)
                            OR EXISTS (
                                SELECT 1 FROM uncomposed o
                                WHERE o.composed = u.composed AND o.id <> u.id
                                    AND ((o.created_at IS NOT DISTINCT FROM u.created_at
                                            AND o.id COLLATE "C" < u.id COLLATE "C")
                                        OR (o.created_at IS NULL AND u.created_at IS NOT NULL)
                                        OR o.created_at < u.created_at)))
                        $sql$;
                    EXECUTE $sql$
                        UPDATE experience SET id = normalize(id, NFC) WHERE id IS NOT NFC NORMALIZED
                        $sql$;
                END
                $$
                """
            ]
        ),
    ]

    /// Applies the migrations this schema lacks, in one transaction under an advisory lock on the schema, so
    /// processes starting together migrate once. A schema that is already current is only read, without a lock:
    /// every store opened checks, and a lock held across the many statements of a migration would queue every
    /// process's first statement behind whichever process is migrating.
    /// - Parameter schema: created first when set (the connections' `search_path` names it).
    static func migrate(_ client: PostgresClient, schema: String?, logger: Logger) async throws {
        if try await Self.isCurrent(client, logger: logger) { return }
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtext(\(Self.lockName(schema: schema))))", logger: logger)
            if let schema {
                // The name was checked to be lower-case letters, digits and underscores (PostgresDatabaseURL).
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
            }
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS kaizen_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
                logger: logger)
            let applied = try await connection.query("SELECT name FROM kaizen_migration", logger: logger)
                .collect().map { try $0.decode(String.self) }
            for migration in Self.migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO kaizen_migration (name, applied_at) VALUES (\(migration.name), now())", logger: logger)
            }
        }
    }

    /// Whether the schema the connections use records every migration (two reads, no transaction, no lock).
    static func isCurrent(_ client: PostgresClient, logger: Logger) async throws -> Bool {
        try await client.withConnection { connection in
            let recorded = try await connection.query(
                "SELECT to_regclass('kaizen_migration') IS NOT NULL", logger: logger
            ).collect().first?.decode(Bool.self)
            guard recorded == true else { return false }
            let applied = Set(
                try await connection.query("SELECT name FROM kaizen_migration", logger: logger)
                    .collect().map { try $0.decode(String.self) })
            return Self.migrations.allSatisfy { applied.contains($0.name) }
        }
    }

    /// The name whose hash is the migration lock: one per schema, so deployments (or test runs) sharing a database
    /// in schemas of their own never wait for each other. Advisory locks are per database already.
    package static func lockName(schema: String?) -> String {
        "kaizen.migration." + (schema ?? "")
    }
}
