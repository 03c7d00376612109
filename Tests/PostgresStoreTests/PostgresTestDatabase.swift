import Foundation
import Logging
import PostgresNIO
import PostgresStore

/// The PostgreSQL server these tests use, named by the environment:
///
/// - `KAIZEN_TEST_DATABASE_URL` (e.g. `postgres://kaizen:kaizen@127.0.0.1:5432/kaizen_test`): a database the tests
///   may create schemas in (`.ci/run` starts a server and sets it). Without it the suite is skipped, with a note.
/// - `KAIZEN_TEST_REQUIRE_POSTGRES=1` (set by `.ci/run`): a missing server fails instead of skipping.
///
/// Every test gets a schema of its own (`?schema=kaizen_test_...`), dropped afterwards, so tests run in parallel on
/// one database and each starts from an empty store.
enum PostgresTestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    static let url: String? = Self.environment["KAIZEN_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = Self.environment["KAIZEN_TEST_REQUIRE_POSTGRES"] == "1"

    static var isConfigured: Bool { Self.url != nil }
    /// Run the suite when a server is named, or when CI requires one (then a missing one fails).
    static var shouldRun: Bool { Self.isConfigured || Self.required }
    static let skipNote = "KAIZEN_TEST_DATABASE_URL is not set; the PostgreSQL suite is skipped"

    static let logger = Logger(label: "postgres-tests") { _ in SwiftLogNoOpLogHandler() }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "KAIZEN_TEST_REQUIRE_POSTGRES=1 but KAIZEN_TEST_DATABASE_URL is not set" }
    }

    /// The test database's address with a fresh schema of its own.
    static func freshAddress() throws -> PostgresDatabaseURL {
        guard let url = Self.url else { throw NotConfigured() }
        var address = try PostgresDatabaseURL(url)
        address.schema = "kaizen_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return address
    }

    /// Runs `body` with `count` stores on one fresh schema (as that many processes would open it), then drops it.
    static func withStores(
        _ count: Int = 1, _ body: ([PostgresExperienceStore]) async throws -> Void
    ) async throws {
        let address = try Self.freshAddress()
        let stores = (0..<count).map { _ in PostgresExperienceStore(url: address, logger: Self.logger) }
        do {
            try await body(stores)
        } catch {
            try? await Self.drop(address, stores)
            throw error
        }
        try await Self.drop(address, stores)
    }

    static func withStore(_ body: (PostgresExperienceStore) async throws -> Void) async throws {
        try await Self.withStores(1) { try await body($0[0]) }
    }

    private static func drop(_ address: PostgresDatabaseURL, _ stores: [PostgresExperienceStore]) async throws {
        for store in stores { await store.close() }
        guard let schema = address.schema else { return }
        try await Self.withAdmin(address) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
        }
    }

    /// Runs `body` with a client of its own on the test database's default schema (to create, lock or drop
    /// schemas as another process would), closed afterwards.
    @discardableResult
    static func withAdmin<Result: Sendable>(
        _ address: PostgresDatabaseURL, _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        var admin = address
        admin.schema = nil
        let client = PostgresClient(configuration: admin.clientConfiguration, backgroundLogger: Self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
