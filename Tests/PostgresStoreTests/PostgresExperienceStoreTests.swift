import ExperienceStoreTesting
import Experiences
import Foundation
import PostgresNIO
import PostgresStore
import Testing

/// The PostgreSQL store passes the same conformance suites as the SQLite and in-memory stores.
@Suite(.enabled(if: PostgresTestDatabase.shouldRun, Comment(rawValue: PostgresTestDatabase.skipNote)))
struct PostgresExperienceStoreTests {
    @Test(arguments: ExperienceStoreConformance.checks)
    func conformance(_ check: ExperienceStoreConformance.Check) async throws {
        try await PostgresTestDatabase.withStore { try await check.run($0) }
    }

    @Test(arguments: RunStoreConformance.checks)
    func runStoreConformance(_ check: RunStoreConformance.Check) async throws {
        try await PostgresTestDatabase.withStore { try await check.run($0) }
    }

    /// Two stores on one schema, as two machines would have: the second sees the first's data, migrations ran once,
    /// and identical submissions through both map to one run.
    @Test func twoProcessesShareOneDatabase() async throws {
        try await PostgresTestDatabase.withStores(2) { stores in
            _ = try await stores[0].insert(ExperienceStoreConformance.sample)
            #expect(
                try await stores[1].statistics(failureThreshold: 0.5).total == ExperienceStoreConformance.sample.count)
            let results = try await withThrowingTaskGroup(of: (run: StoredRun, created: Bool).self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let time = Date(timeIntervalSince1970: 1_000)
                        let run = StoredRun(
                            kind: "job", id: "job-a", state: "queued", createdAt: time, updatedAt: time,
                            body: Data("{}".utf8), idempotencyKey: "same")
                        return try await stores[index % 2].create(run, activeStates: ["queued", "running"])
                    }
                }
                return try await group.reduce(into: [(run: StoredRun, created: Bool)]()) { $0.append($1) }
            }
            #expect(results.filter(\.created).count == 1)
            #expect(Set(results.map(\.run.id)) == ["job-a"])
        }
    }
}

/// A store written before ids were kept composed may hold one id in two forms; migration v5 keeps the row the store
/// keeps now (the composed form, else the earliest logged) and composes the rest, as the SQLite store's does.
@Suite(.enabled(if: PostgresTestDatabase.shouldRun, Comment(rawValue: PostgresTestDatabase.skipNote)))
struct PostgresIDCompositionTests {
    @Test func theMigrationComposesIDsAndDropsTheirDuplicates() async throws {
        let address = try PostgresTestDatabase.freshAddress()
        let schema = try #require(address.schema)
        let before = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let after = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let outcome = await keepingError {
            _ = try await before.statistics(failureThreshold: 0.5)
            let stored = try await PostgresTestDatabase.withAdmin(address) { admin in
                try await admin.query(
                    PostgresQuery(
                        unsafeSQL:
                            "DELETE FROM \(schema).kaizen_migration WHERE name = 'v5: experience ids in composed form'")
                )
                for row in UncomposedIDFixture.rows {
                    var query = PostgresQuery(
                        unsafeSQL: "INSERT INTO \(schema).experience (id, created_at, input, response, reward) "
                            + "VALUES ($1, $2, 'q', $3, 0.1)")
                    query.binds.append(row.id)
                    query.binds.append(row.createdAt)
                    query.binds.append(row.response)
                    try await admin.query(query)
                }
                _ = try await after.statistics(failureThreshold: 0.5)
                return try await admin.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT id, response FROM \(schema).experience ORDER BY response COLLATE \"C\"")
                ).collect().map { row in
                    let (id, response) = try row.decode((String, String).self)
                    return (id: Array(id.utf8), response: response)
                }
            }
            try await UncomposedIDFixture.expectComposed(stored, store: after)
        }
        await before.close()
        await after.close()
        try await PostgresMigrationLockTests.drop([schema], address: address)
        try outcome.get()
    }
}

/// Fails, rather than skips, when CI asked for the PostgreSQL suite but no server is named: a server that failed to
/// start must not pass as a skipped suite.
@Test(
    .enabled(
        if: PostgresTestDatabase.required, "KAIZEN_TEST_REQUIRE_POSTGRES is not set; the PostgreSQL suite may skip"))
func postgresDatabaseIsNamedWhenRequired() {
    #expect(PostgresTestDatabase.isConfigured, "\(PostgresTestDatabase.NotConfigured())")
}
