import LanguageModels
import Synchronization

/// The model names responses reported and whether any response was simulated, across a run's concurrent calls,
/// the last generation that failed, and which distinct requests failed since the last answer.
final class Answerers: Sendable {
    private let state = Mutex<
        (models: Set<String>, simulated: Bool, lastFailure: String?, failedSinceAnswer: Set<GenerationRequest>)
    >(([], false, nil, []))

    func record(_ response: GenerationResponse) {
        self.state.withLock {
            $0.models.insert(response.model)
            $0.simulated = $0.simulated || response.simulated
            $0.failedSinceAnswer = []
        }
    }

    /// Records a failed generation of `request`.
    /// - Returns: How many distinct requests have failed since the last generation that answered, this one included.
    ///   Identical requests in flight at once share one call (``MemoizingLanguageModel``) and so one failure: counted
    ///   per generation, one failed call of a group that repeats a prompt counted several times, and the job gave up
    ///   after fewer calls than its limit says.
    @discardableResult
    func recordFailure(_ message: String, request: GenerationRequest) -> Int {
        self.state.withLock {
            $0.lastFailure = message
            $0.failedSinceAnswer.insert(request)
            return $0.failedSinceAnswer.count
        }
    }

    var models: [String] { self.state.withLock { $0.models.sorted() } }
    var simulated: Bool { self.state.withLock { $0.simulated } }
    var lastFailure: String? { self.state.withLock { $0.lastFailure } }
}
