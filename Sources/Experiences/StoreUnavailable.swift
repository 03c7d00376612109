/// The store's server could not be reached, or did not answer in time: nothing is wrong with the request, and the
/// same request may work once the server is back, so a service answers 503 (PostgreSQL's store throws it; the pool
/// reconnects by itself).
package struct StoreUnavailable: Error, CustomStringConvertible, Sendable {
    /// What happened, naming the server (no credentials), e.g. "PostgreSQL at db:5432/kaizen failed (connectionError)".
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }

    package var description: String { self.reason }
}
