import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=...` address, as `KAIZEN_DATABASE_URL` gives it, turned
/// into the pool's configuration. Kept apart from the store so a bad address fails with one clear line before any
/// connection is tried.
package struct PostgresDatabaseURL: Sendable, Hashable {
    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String?
    /// `disable` (the default, for a server on a private network or loopback), `prefer` or `require`.
    package var sslMode: String
    /// The schema Kaizen's tables live in (`?schema=NAME`), created when missing; `nil`: the server's default
    /// (`public`). Lets several deployments, or test runs, share one database.
    package var schema: String?
    /// How long one store operation may take, waiting for a connection included (`?timeout=SECONDS`, default 30):
    /// during an outage, requests fail after it instead of hanging.
    package var timeout: Double

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    package static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`.
    /// - Throws: ``PostgresStoreError/invalidURL(_:)`` naming what is missing.
    package init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw PostgresStoreError.invalidURL("expected postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresStoreError.invalidURL("the address has no host")
        }
        guard let username = components.user, !username.isEmpty else {
            throw PostgresStoreError.invalidURL("the address has no user name")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw PostgresStoreError.invalidURL("sslmode must be disable, prefer or require, not \(sslMode)")
        }
        let schema = components.queryItems?.first { $0.name == "schema" }?.value
        if let schema,
            schema.isEmpty || !schema.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        {
            throw PostgresStoreError.invalidURL(
                "schema must be lower-case letters, digits and underscores, not \(schema)")
        }
        let timeoutText = components.queryItems?.first { $0.name == "timeout" }?.value
        let timeout = timeoutText.map { Double($0) } ?? 30
        guard let timeout, timeout > 0, timeout.isFinite else {
            throw PostgresStoreError.invalidURL(
                "timeout must be a positive number of seconds, not \(timeoutText ?? "")")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username.removingPercentEncoding ?? username
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.isEmpty ? nil : database
        self.sslMode = sslMode
        self.schema = schema
        self.timeout = timeout
    }

    /// `host:port/database`, for messages (never the password).
    package var displayName: String {
        "\(self.host):\(self.port)/\(self.database ?? self.username)"
    }

    /// The pool's configuration: a handful of connections per process, since several processes share one server.
    /// The server ends any statement that runs past `timeout` (`statement_timeout`): a statement waiting for a lock
    /// cannot be abandoned from this side, so without it an operation could wait far past its timeout.
    package var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch self.sslMode {
            case "require": .require(.makeClientConfiguration())
            case "prefer": .prefer(.makeClientConfiguration())
            default: .disable
            }
        var configuration = PostgresClient.Configuration(
            host: self.host, port: self.port, username: self.username, password: self.password,
            database: self.database, tls: tls)
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(Int((self.timeout * 1000).rounded(.up)))")
        ]
        if let schema = self.schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        return configuration
    }
}
