import Foundation
import Logging
import PostgresNIO
import PostgresStore

/// A fresh schema in the test database (`KAIZEN_TEST_DATABASE_URL`), dropped afterwards, for tests that share a
/// PostgreSQL store between several instances.
enum SharedPostgresSchema {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "KAIZEN_TEST_DATABASE_URL is not set" }
    }

    static func with(_ body: (PostgresDatabaseURL) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment["KAIZEN_TEST_DATABASE_URL"], !url.isEmpty else {
            throw NotConfigured()
        }
        var address = try PostgresDatabaseURL(url)
        let schema = "kaizen_jobs_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        address.schema = schema
        let outcome: Result<Void, any Error>
        do {
            try await body(address)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        address.schema = nil
        let client = PostgresClient(
            configuration: address.clientConfiguration,
            backgroundLogger: Logger(label: "test") { _ in
                SwiftLogNoOpLogHandler()
            })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
        }
        try outcome.get()
    }
}
