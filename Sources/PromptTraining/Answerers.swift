import LanguageModels
import Synchronization

/// The model names responses reported and whether any response was simulated, across a run's concurrent calls,
/// the last generation that failed, and how many failed since the last answer.
final class Answerers: Sendable {
    private let state = Mutex<(models: Set<String>, simulated: Bool, lastFailure: String?, failuresInARow: Int)>(
        ([], false, nil, 0))

    func record(_ response: GenerationResponse) {
        self.state.withLock {
            $0.models.insert(response.model)
            $0.simulated = $0.simulated || response.simulated
            $0.failuresInARow = 0
        }
    }

    /// Records a failed generation.
    /// - Returns: How many generations have failed since the last one that answered, this one included.
    @discardableResult
    func recordFailure(_ message: String) -> Int {
        self.state.withLock {
            $0.lastFailure = message
            $0.failuresInARow += 1
            return $0.failuresInARow
        }
    }

    var models: [String] { self.state.withLock { $0.models.sorted() } }
    var simulated: Bool { self.state.withLock { $0.simulated } }
    var lastFailure: String? { self.state.withLock { $0.lastFailure } }
}
