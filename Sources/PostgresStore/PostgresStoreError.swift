import PostgresNIO

/// What can go wrong with the PostgreSQL store, in words a user can act on.
package enum PostgresStoreError: Error, CustomStringConvertible {
    /// `KAIZEN_DATABASE_URL` is not a usable `postgres://` address.
    case invalidURL(String)
    /// The server could not be reached or refused a statement; the message says which and why.
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
    /// the kind of failure and the server's own message, which name no values.
    static func wrapping(_ error: any Error, at address: String) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let message = error.serverInfo?[.message] {
            return PostgresStoreError.database("PostgreSQL at \(address) refused a statement: \(message)")
        }
        return PostgresStoreError.database(
            "PostgreSQL at \(address) failed (\(error.code)); check that the server is running and the address is right"
        )
    }
}
