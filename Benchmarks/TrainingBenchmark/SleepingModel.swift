import LanguageModels

/// A stand-in model with no HTTP at all: every call sleeps for `delay`, then answers one fixed sentence. Shows the
/// trainer's own overhead.
struct SleepingModel: LanguageModel {
    var delay: Duration
    var name: String { "sleeping-fake" }

    func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        try await Task.sleep(for: self.delay)
        let text = request.reference ?? "I don't know."
        return GenerationResponse(
            outputs: Array(repeating: text, count: request.n),
            usage: TokenUsage(promptTokens: 40, completionTokens: 12),
            model: self.name, simulated: false)
    }
}
