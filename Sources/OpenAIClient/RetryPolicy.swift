/// When to retry a failed HTTP call and how long to wait first: exponential backoff with full jitter, or the
/// server's `Retry-After` when it gives one.
///
/// Pure logic with the randomness passed in, so the schedule can be tested without clocks or servers.
package struct RetryPolicy: Sendable, Hashable {
    /// Retries allowed after the first attempt (0 disables retries); negative values count as 0.
    package var maxRetries: Int
    /// The backoff ceiling before the first retry.
    package var initialBackoff: Duration
    /// The largest backoff ceiling.
    package var maxBackoff: Duration
    /// The longest wait a `Retry-After` header may impose.
    package var maxRetryAfter: Duration

    /// Creates a policy.
    package init(maxRetries: Int, initialBackoff: Duration, maxBackoff: Duration, maxRetryAfter: Duration) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
    }

    /// Whether an HTTP status is worth retrying: 408 (request timeout), 429 (rate limited) and every 5xx.
    ///
    /// Other 4xx statuses (400, 401, 403, 404, 422, ...) blame the request or the credentials, which a retry does
    /// not change.
    package static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The backoff ceiling before retry number `retry + 1` (`retry` counts retries already made, from 0):
    /// `min(maxBackoff, initialBackoff * 2^retry)`.
    package func ceiling(afterRetries retry: Int) -> Duration {
        let cap = max(self.maxBackoff, .zero)
        var ceiling = max(self.initialBackoff, .zero)
        var doublings = max(retry, 0)
        while doublings > 0 && ceiling < cap {
            ceiling = ceiling * 2
            doublings -= 1
        }
        return min(ceiling, cap)
    }

    /// How long to wait before the next attempt, or `nil` when the retries are used up.
    ///
    /// With a `Retry-After` value the wait is exactly that, cut to ``maxRetryAfter`` (the server knows when it
    /// will have capacity; adding jitter would only make us late). Without one it is "full jitter":
    /// `unit * ceiling(afterRetries: retry)`, uniform in `[0, ceiling)`, which spreads the retries of many
    /// concurrent callers instead of synchronising them.
    ///
    /// - Parameters:
    ///   - retry: retries already made for this call (0 before the first retry).
    ///   - retryAfter: the server's `Retry-After`, already parsed, if any.
    ///   - unit: a uniform random number in `[0, 1)`; values outside are clamped.
    /// - Complexity: O(log(maxBackoff / initialBackoff)).
    package func delay(afterRetries retry: Int, retryAfter: Duration?, unit: Double) -> Duration? {
        guard retry < max(self.maxRetries, 0) else { return nil }
        if let retryAfter {
            return min(max(retryAfter, .zero), max(self.maxRetryAfter, .zero))
        }
        let clamped = unit.isFinite ? min(max(unit, 0), 1) : 0
        return self.ceiling(afterRetries: retry) * clamped
    }
}
