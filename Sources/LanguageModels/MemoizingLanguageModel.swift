import Synchronization

/// A ``LanguageModel`` that answers a repeated request from memory instead of asking its model again.
///
/// Training asks for the same (prompt, experience, seed) many times: a GRPO group samples variants with replacement,
/// so two members of a group often carry the same prompt, and both share the experience's seed (common random
/// numbers). Such a repeat is, by design, the same draw, so with a real model it is worth remembering: each call
/// costs seconds. Only requests that name a seed, or ask for temperature 0, are remembered (an unseeded request asks
/// for a fresh sample); identical requests in flight at once share one call.
///
/// A remembered answer reports zero token usage, since it cost none; ``hits`` counts them. A failed call is not
/// remembered, so a later identical request tries again. Memory grows with the distinct requests, so make one per
/// job rather than one per process.
package final class MemoizingLanguageModel: LanguageModel {
    /// The model asked on a miss.
    package let base: any LanguageModel
    private let calls = Mutex<[GenerationRequest: Task<GenerationResponse, any Error>]>([:])
    private let counts = Mutex<(hits: Int, misses: Int)>((0, 0))

    package init(_ base: any LanguageModel) {
        self.base = base
    }

    package var name: String { self.base.name }

    /// Requests answered from memory (or by sharing a call in flight).
    package var hits: Int { self.counts.withLock { $0.hits } }
    /// Requests that went to the model.
    package var misses: Int { self.counts.withLock { $0.misses } }

    package func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        guard request.seed != nil || request.temperature == 0 else {
            self.counts.withLock { $0.misses += 1 }
            return try await self.base.generate(request)
        }
        let (task, isNew) = self.calls.withLock { calls in
            if let task = calls[request] { return (task, false) }
            let base = self.base
            let task = Task { try await base.generate(request) }
            calls[request] = task
            return (task, true)
        }
        self.counts.withLock { counts in
            if isNew {
                counts.misses += 1
            } else {
                counts.hits += 1
            }
        }
        do {
            let response = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
            guard !isNew else { return response }
            var remembered = response
            remembered.usage = TokenUsage()
            return remembered
        } catch {
            // Forget the failure so that the next identical request asks again (only the caller that started it
            // removes it, and only if it is still this call).
            if isNew { self.calls.withLock { if $0[request] == task { $0[request] = nil } } }
            throw error
        }
    }
}
