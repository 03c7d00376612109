/// Runs many async calls with a bound on how many are in flight, keeping the window full.
package enum BoundedConcurrency {
    /// Calls `body(0)...body(count − 1)` with at most `maxConcurrency` in flight, starting the next call as soon as
    /// any finishes (a sliding window, not waves), and returns the results in index order, so the outcome does not
    /// depend on completion order.
    ///
    /// The first error cancels the calls still in flight and is rethrown. Once the calling task is cancelled no new
    /// call is started and `CancellationError` is thrown.
    ///
    /// - Complexity: `count` calls; at most `maxConcurrency` child tasks alive at once.
    package static func map<Result: Sendable>(
        count: Int,
        maxConcurrency: Int,
        _ body: @escaping @Sendable (Int) async throws -> Result
    ) async throws -> [Result] {
        precondition(maxConcurrency >= 1, "at least one call in flight")
        guard count > 0 else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            func launch() -> Bool {
                let index = next
                next += 1
                return group.addTaskUnlessCancelled { (index, try await body(index)) }
            }
            while next < min(maxConcurrency, count) {
                guard launch() else { throw CancellationError() }
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < count {
                    guard launch() else { throw CancellationError() }
                }
            }
            return results.map { $0! }
        }
    }
}
