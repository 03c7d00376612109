/// Runs work for at most a time limit: when the limit passes first, the work's task is cancelled and `expired` is
/// thrown, so a request that would run on (a measured check against a slow model) ends with an answer instead.
///
/// The work must stop on cancellation (model calls do); it is awaited before this returns.
func withTimeLimit<Value: Sendable>(
    _ limit: Duration, expired: @autoclosure @Sendable () -> any Error,
    _ work: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw expired() }
        return value
    }
}
