/// Runs async calls with a bound on how many are in flight, starting the next as soon as any finishes, and returns
/// the results in index order.
enum SlidingWindow {
    /// Calls `body(0)...body(count − 1)` with at most `width` in flight; the first error cancels the rest and is
    /// rethrown, and a cancelled caller gets `CancellationError`.
    static func map<Result: Sendable>(
        count: Int,
        width: Int,
        _ body: @escaping @Sendable (Int) async throws -> Result
    ) async throws -> [Result] {
        precondition(width >= 1, "at least one call in flight")
        guard count > 0 else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            func launch() -> Bool {
                let index = next
                next += 1
                return group.addTaskUnlessCancelled { (index, try await body(index)) }
            }
            while next < min(width, count) {
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
