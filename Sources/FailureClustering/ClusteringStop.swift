import Synchronization

/// Tells a clustering to stop early: its caller went away (``cancel()``), or its time limit passed. k-means checks
/// it between runs and between Lloyd iterations, so a request that would run for hours ends within one iteration
/// of either, and its thread is free again.
package final class ClusteringStop: Sendable {
    private let cancelled = Mutex(false)
    private let deadline: ContinuousClock.Instant
    private let limit: Duration

    /// Stops the work once `limit` has passed from now, or when cancelled.
    package init(limit: Duration) {
        self.limit = limit
        self.deadline = ContinuousClock.now + limit
    }

    /// Stops the work at its next check (the caller no longer wants the result).
    package func cancel() {
        self.cancelled.withLock { $0 = true }
    }

    /// Whether ``check()`` would throw: for loops that cannot throw from inside (parallel chunks), which skip their
    /// remaining work and leave the throwing to the next ``check()``.
    var isStopped: Bool {
        self.cancelled.withLock { $0 } || ContinuousClock.now >= self.deadline
    }

    /// - Throws: `CancellationError` once cancelled; ``FailureClusteringError/timeLimit(_:)`` once the time limit
    ///   has passed.
    func check() throws {
        if self.cancelled.withLock({ $0 }) { throw CancellationError() }
        if ContinuousClock.now >= self.deadline { throw FailureClusteringError.timeLimit(self.limit) }
    }
}
