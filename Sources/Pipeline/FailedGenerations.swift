import Synchronization

/// Counts a round's interactions whose generation failed (reported from concurrent calls), for one line after the
/// round's logging.
final class FailedGenerations: Sendable {
    private let state = Mutex<(count: Int, first: String?)>((0, nil))

    func add(_ error: any Error) {
        self.state.withLock { state in
            state.count += 1
            if state.first == nil { state.first = "\(error)" }
        }
    }

    /// "N of TOTAL generations failed and were left out; the first: ...", or `nil` when none failed.
    func note(of total: Int) -> String? {
        self.state.withLock { state in
            state.first.map { "\(state.count) of \(total) generations failed and were left out; the first: \($0)" }
        }
    }
}
