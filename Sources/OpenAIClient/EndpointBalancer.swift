import Synchronization

/// Spreads one client's calls over replicas of one model (several vLLM or llama.cpp servers behind no load
/// balancer), the expensive part of a training run.
///
/// Each call goes to the replica with the fewest calls in flight or waiting among those not cooling down (ties go
/// round the list), and each replica has its own concurrency bound (``OpenAIClientConfiguration/maxConcurrentRequests``
/// per replica), so a slow replica's queue does not hold calls another could serve. A replica whose call failed in
/// a way that says something about the replica (no connection, a timeout, 408, 429, 5xx, a malformed answer) cools
/// down for ``OpenAIClientConfiguration/endpointCooldown``: calls skip it while another replica is available, and
/// the next call after the cooldown tries it again. When every replica is cooling down, calls go to the one that
/// cools down first rather than failing outright; the client's retries still bound the attempts.
final class EndpointBalancer: Sendable {
    /// One replica: its chat completions URL and its own concurrency bound.
    struct Endpoint: Sendable {
        let url: String
        let semaphore: AsyncSemaphore
    }

    /// Per replica: calls in flight or waiting for a permit, and the end of its cooldown (`nil`: healthy).
    private struct State {
        var load: [Int]
        var coolingUntil: [ContinuousClock.Instant?]
        var cursor = 0
    }

    let endpoints: [Endpoint]
    private let cooldown: Duration
    private let state: Mutex<State>

    /// - Parameters:
    ///   - urls: the replicas' chat completions URLs, at least one.
    ///   - permits: the concurrency bound of each replica.
    ///   - cooldown: how long a replica that failed is skipped.
    init(urls: [String], permits: Int, cooldown: Duration) {
        precondition(!urls.isEmpty, "at least one endpoint")
        self.endpoints = urls.map { Endpoint(url: $0, semaphore: AsyncSemaphore(permits: permits)) }
        self.cooldown = cooldown
        self.state = Mutex(
            State(load: Array(repeating: 0, count: urls.count), coolingUntil: Array(repeating: nil, count: urls.count)))
    }

    /// The replica the next call goes to, counted as loaded until ``finish(_:healthy:)``.
    func choose(now: ContinuousClock.Instant = .now) -> Int {
        self.state.withLock { state in
            let count = state.load.count
            let order = (0..<count).map { (state.cursor + $0) % count }
            let available = order.filter { state.coolingUntil[$0].map { $0 <= now } ?? true }
            let chosen: Int
            if let leastLoaded = available.min(by: { state.load[$0] < state.load[$1] }) {
                chosen = leastLoaded
            } else {
                chosen = order.min { state.coolingUntil[$0]! < state.coolingUntil[$1]! }!
            }
            state.load[chosen] += 1
            state.cursor = (chosen + 1) % count
            return chosen
        }
    }

    /// Records the end of a call to `index`: a healthy answer ends its cooldown, a failure starts one.
    func finish(_ index: Int, healthy: Bool, now: ContinuousClock.Instant = .now) {
        self.state.withLock { state in
            state.load[index] -= 1
            state.coolingUntil[index] = healthy ? nil : now + self.cooldown
        }
    }

    /// Starts a cooldown of `index` outside a call (its probe failed).
    func markFailed(_ index: Int, now: ContinuousClock.Instant = .now) {
        self.state.withLock { $0.coolingUntil[index] = now + self.cooldown }
    }

    /// Whether some replica other than `index` is not cooling down, so a retry can go there at once.
    func hasAlternative(to index: Int, now: ContinuousClock.Instant = .now) -> Bool {
        self.state.withLock { state in
            state.coolingUntil.indices.contains { $0 != index && (state.coolingUntil[$0].map { $0 <= now } ?? true) }
        }
    }
}
