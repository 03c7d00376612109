import Experiences
import PostgresNIO

/// What can go wrong with the PostgreSQL store, in words a user can act on.
package enum PostgresStoreError: Error, CustomStringConvertible {
    /// `KAIZEN_DATABASE_URL` is not a usable `postgres://` address.
    case invalidURL(String)
    /// The server refused a statement; the message says why (an unreachable server is ``StoreUnavailable``).
    case database(String)

    package var description: String {
        switch self {
        case .invalidURL(let problem):
            "invalid KAIZEN_DATABASE_URL: \(problem) (e.g. postgres://kaizen:secret@127.0.0.1:5432/kaizen)"
        case .database(let problem):
            problem
        }
    }

    /// PostgresNIO's errors describe themselves generically (to keep queries and values out of logs); this keeps
    /// the kind of failure and the server's own message, which name no values. A failure of the connection itself,
    /// or a server shutting down or starting up, is ``StoreUnavailable``: the same statement may work once it is back.
    static func wrapping(_ error: any Error, at address: String) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState] ?? ""
            if state.hasPrefix(Self.connectionExceptionClass) || Self.serverUnavailableStates.contains(state) {
                return StoreUnavailable("PostgreSQL at \(address) is not accepting statements: \(message)")
            }
            return PostgresStoreError.database("PostgreSQL at \(address) refused a statement: \(message)")
        }
        return StoreUnavailable(
            "PostgreSQL at \(address) failed (\(error.code)); check that the server is running and the address is right"
        )
    }

    /// SQLSTATE class 08, connection exception.
    static let connectionExceptionClass = "08"
    /// `admin_shutdown`, `crash_shutdown`, `cannot_connect_now` (starting up or shutting down), `too_many_connections`.
    static let serverUnavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300"]
}
