import Experiences
import Foundation
import Logging
import PostgresNIO

/// The shared store for several machines: experiences and the pipeline's runs in PostgreSQL, through
/// postgres-nio's connection pool. Same tables, indexes and answers as the SQLite store (both pass the
/// `ExperienceStoreTesting` conformance suites).
///
/// The pool runs from the moment the store is opened until ``close()``, so commands that are not services can open
/// it synchronously; the schema is migrated before the first statement, and again after a failed attempt, so a
/// store opened while the server is down starts working once it is back.
package final class PostgresExperienceStore: ExperienceStore, RunStore, Sendable {
    let client: PostgresClient
    let logger: Logger
    let url: PostgresDatabaseURL
    private let pool: Task<Void, Never>
    private let schemaGate = SchemaGate()

    package init(url: PostgresDatabaseURL, logger: Logger = Logger(label: "kaizen.postgres")) {
        self.url = url
        self.logger = logger
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: Self.poolLogger(logger))
        self.client = client
        self.pool = Task { await client.run() }
    }

    /// The pool's background log: `logger` at `.error` unless it was asked for `.debug` or `.trace`. The store reports
    /// failures as errors of the request that met them; the pool's own warnings would add lines to a command's one-line
    /// error, among them "Trying to lease connection ... `PostgresClient.run()` hasn't been called yet", which only
    /// says that the run task the store starts when it opens had not been scheduled yet on a busy machine.
    package static func poolLogger(_ logger: Logger) -> Logger {
        var background = logger
        if background.logLevel > .debug { background.logLevel = max(background.logLevel, .error) }
        return background
    }

    deinit {
        self.pool.cancel()
    }

    /// Closes the pool's connections.
    package func close() async {
        self.pool.cancel()
        await self.pool.value
    }

    /// Runs `body` on the pool once the schema is current, with PostgresNIO's generic errors made readable, within
    /// the address's `timeout`: the pool waits for a connection as long as the server is unreachable, so without a
    /// deadline a request would hang through an outage instead of failing.
    @discardableResult
    func perform<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresClient) async throws -> Result
    )
        async throws -> Result
    {
        do {
            return try await self.withinTimeout {
                // The migration has a deadline of its own: callers that arrive while it runs wait for it without
                // being able to cancel it, and it began no later than they did, so it ends by their deadlines.
                try await self.schemaGate.ensure {
                    try await self.withinTimeout {
                        try await PostgresSchema.migrate(self.client, schema: self.url.schema, logger: self.logger)
                    }
                }
                return try await body(self.client)
            }
        } catch let error as PostgresStoreError {
            throw error
        } catch let error as StoreUnavailable {
            throw error
        } catch let error as PostgresTransactionError {
            throw self.readable(error.beginError ?? error.closureError ?? error.commitError ?? error)
        } catch {
            throw self.readable(error)
        }
    }

    /// Runs `body`, or throws ``timedOut(lateBy:)`` once the address's `timeout` has passed (cancelling `body`).
    private func withinTimeout<Result: Sendable>(
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Attempt<Result>.self) { group in
            group.addTask { .answered(try await body()) }
            group.addTask {
                let start = ContinuousClock.now
                try await Task.sleep(for: .seconds(self.url.timeout))
                return .timedOut(lateBy: ContinuousClock.now - start - .seconds(self.url.timeout))
            }
            defer { group.cancelAll() }
            switch try await group.next() {
            case .answered(let result): return result
            case .timedOut(let lateBy): throw self.timedOut(lateBy: lateBy)
            case nil: throw self.timedOut()
            }
        }
    }

    /// The error a user sees: a statement the server ended at `statement_timeout` reads as the timeout it is.
    private func readable(_ error: any Error) -> any Error {
        if let error = error as? PSQLError, error.serverInfo?[.sqlState] == Self.statementTimeoutState {
            return self.timedOut()
        }
        return PostgresStoreError.wrapping(error, at: self.url.displayName)
    }

    /// SQLSTATE `query_canceled`: the server ended a statement at `statement_timeout` (see
    /// ``PostgresDatabaseURL/clientConfiguration``).
    static let statementTimeoutState = "57014"

    /// The pool found no connection in time (the server is down or unreachable), or the server ended a statement
    /// at `statement_timeout`.
    ///
    /// - Parameter lateBy: how much later than the timeout this process got to notice it. Seconds late mean this
    ///   process's own threads were busy (long synchronous work on Swift's cooperative pool, which also resumes the
    ///   store's tasks), so the wait may have been the process's, not the server's; the message then says so.
    func timedOut(lateBy: Duration = .zero) -> StoreUnavailable {
        var message =
            "PostgreSQL at \(self.url.displayName) did not answer within \(Int(self.url.timeout)) s; check that the "
            + "server is running and the address is right"
        if lateBy >= Self.noticeablyLate {
            message +=
                " (this process noticed the timeout \(Int(lateBy.components.seconds)) s late: its threads were busy, "
                + "which may have held up the answer too)"
        }
        return StoreUnavailable(message)
    }

    /// A timer this late means the process, not the server, was slow.
    static let noticeablyLate = Duration.seconds(5)

    static let experienceColumns =
        "id, created_at, prompt_id, input, context, response, reference, reward, success, failure_type, metadata"

    package func insert(_ experiences: [Experience]) async throws -> InsertSummary {
        let rows = try experiences.map(ExperienceRow.init)
        return try await self.perform { client in
            try await client.withTransaction(logger: self.logger) { connection in
                var summary = InsertSummary(inserted: 0, alreadyPresent: 0)
                for row in rows {
                    let inserted = try await connection.query(
                        """
                        INSERT INTO experience (\(unescaped: Self.experienceColumns))
                        VALUES (\(row.id), \(row.createdAt), \(row.promptID), \(row.input), \(row.context),
                            \(row.response), \(row.reference), \(row.reward), \(row.success), \(row.failureType),
                            \(row.metadata))
                        ON CONFLICT (id) DO NOTHING RETURNING id
                        """, logger: self.logger
                    ).collect()
                    if inserted.isEmpty {
                        summary.alreadyPresent += 1
                    } else {
                        summary.inserted += 1
                    }
                }
                return summary
            }
        }
    }

    package func failures(_ query: ExperienceQuery) async throws -> [Experience] {
        var sql = ExperienceFilter(query)
        sql.add("(success = false OR (success IS NULL AND reward < $#))", query.failureThreshold)
        var text = "SELECT \(Self.experienceColumns) FROM experience \(sql.whereClause)"
        // SQLite's order: missing times first, ids by their bytes.
        text += #" ORDER BY created_at ASC NULLS FIRST, id COLLATE "C" ASC"#
        if let limit = query.limit {
            text += " LIMIT \(max(limit, 0))"
        }
        let statement = PostgresQuery(unsafeSQL: text, binds: sql.binds)
        return try await self.perform { client in
            try await client.query(statement, logger: self.logger).collect().map { try ExperienceRow($0).experience() }
        }
    }

    package func sampleSuccesses(_ query: ExperienceQuery, count: Int, seed: UInt64) async throws -> [Experience] {
        var sql = ExperienceFilter(query)
        sql.add("(success = true OR (success IS NULL AND (reward IS NULL OR reward >= $#)))", query.failureThreshold)
        let statement = PostgresQuery(unsafeSQL: "SELECT id FROM experience \(sql.whereClause)", binds: sql.binds)
        let ids = try await self.perform { client in
            try await client.query(statement, logger: self.logger).collect().map { try $0.decode(String.self) }
        }
        return try await self.experiences(ids: SuccessSampling.sample(ids, count: count, seed: seed))
    }

    package func experiences(ids: [String]) async throws -> [Experience] {
        guard !ids.isEmpty else { return [] }
        let rows = try await self.perform { client in
            try await client.query(
                "SELECT \(unescaped: Self.experienceColumns) FROM experience WHERE id = ANY(\(ids.map(\.composedID)))",
                logger: self.logger
            ).collect().map { try ExperienceRow($0) }
        }
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try ids.compactMap { try byID[$0]?.experience() }
    }

    package func statistics(failureThreshold: Double) async throws -> ExperienceStatistics {
        try await self.perform { client in
            let byPrompt = try await client.query(
                """
                SELECT prompt_id, COUNT(*),
                    SUM(CASE WHEN success = false OR (success IS NULL AND reward < \(failureThreshold)) THEN 1 ELSE 0 END)
                FROM experience GROUP BY prompt_id
                """, logger: self.logger
            ).collect()
            let byType = try await client.query(
                """
                SELECT failure_type, COUNT(*) FROM experience
                WHERE success = false OR (success IS NULL AND reward < \(failureThreshold))
                GROUP BY failure_type
                """, logger: self.logger
            ).collect()
            var statistics = ExperienceStatistics(total: 0, failures: 0, byPromptID: [:], failuresByType: [:])
            for row in byPrompt {
                let (promptID, total, failures) = try row.decode((String?, Int, Int).self)
                statistics.byPromptID[promptID ?? ExperienceStatistics.noPromptID] = .init(
                    total: total, failures: failures)
                statistics.total += total
                statistics.failures += failures
            }
            for row in byType {
                let (failureType, count) = try row.decode((String?, Int).self)
                statistics.failuresByType[failureType ?? ExperienceStatistics.unlabelled] = count
            }
            return statistics
        }
    }
}

/// How a store operation ended: with the server's answer, or at the address's timeout (`lateBy` past it).
private enum Attempt<Result: Sendable>: Sendable {
    case answered(Result)
    case timedOut(lateBy: Duration)
}

/// Makes sure the schema is current before the first statement; after a failure, the next call tries again.
///
/// Calls that arrive while a migration runs wait for that one instead of starting their own: each would hold one of
/// the pool's connections queued on the schema's migration lock, and the whole test suite on two cores once had
/// eight such sessions of one store queued for up to 30 s each (PostgreSQL's lock-wait log).
package actor SchemaGate {
    private var current = false
    private var migration: Task<Void, any Error>?

    package init() {}

    package func ensure(_ migrate: @escaping @Sendable () async throws -> Void) async throws {
        guard !self.current else { return }
        let migration = self.migration ?? Task { try await migrate() }
        self.migration = migration
        do {
            try await migration.value
            self.current = true
        } catch {
            if self.migration == migration { self.migration = nil }
            throw error
        }
    }
}
