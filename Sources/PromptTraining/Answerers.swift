import LanguageModels
import Synchronization

/// The model names responses reported and whether any response was simulated, across a run's concurrent calls,
/// and the last generation that failed.
final class Answerers: Sendable {
    private let state = Mutex<(models: Set<String>, simulated: Bool, lastFailure: String?)>(([], false, nil))

    func record(_ response: GenerationResponse) {
        self.state.withLock {
            $0.models.insert(response.model)
            $0.simulated = $0.simulated || response.simulated
        }
    }

    func recordFailure(_ message: String) {
        self.state.withLock { $0.lastFailure = message }
    }

    var models: [String] { self.state.withLock { $0.models.sorted() } }
    var simulated: Bool { self.state.withLock { $0.simulated } }
    var lastFailure: String? { self.state.withLock { $0.lastFailure } }
}
