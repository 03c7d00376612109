import LanguageModels
import Synchronization
import Testing

/// The memo in front of a model: a repeated seeded request is one call; unseeded requests and failures are not kept.
struct MemoizingLanguageModelTests {
    final class CountingModel: LanguageModel {
        let calls = Mutex(0)
        let failFirst: Bool

        init(failFirst: Bool = false) { self.failFirst = failFirst }

        var name: String { "counting" }

        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            let call = self.calls.withLock {
                $0 += 1
                return $0
            }
            if self.failFirst && call == 1 { throw GenerationError.backend("timed out") }
            return GenerationResponse(
                outputs: ["answer \(call)"], usage: TokenUsage(promptTokens: 10, completionTokens: 5),
                model: "counting", simulated: false)
        }
    }

    @Test func aRepeatedSeededRequestIsOneCallAndCostsNoTokens() async throws {
        let base = CountingModel()
        let memo = MemoizingLanguageModel(base)
        let request = GenerationRequest(systemPrompt: "S", userTurn: "U", seed: 7)
        let first = try await memo.generate(request)
        let second = try await memo.generate(request)
        #expect(first.outputs == second.outputs)
        #expect(first.usage.totalTokens == 15 && second.usage.totalTokens == 0)
        #expect(base.calls.withLock { $0 } == 1 && memo.hits == 1 && memo.misses == 1)
        var other = request
        other.seed = 8
        _ = try await memo.generate(other)
        #expect(base.calls.withLock { $0 } == 2)
    }

    @Test func unseededRequestsAlwaysReachTheModel() async throws {
        let base = CountingModel()
        let memo = MemoizingLanguageModel(base)
        let request = GenerationRequest(systemPrompt: "S", userTurn: "U", temperature: 0.7)
        _ = try await memo.generate(request)
        _ = try await memo.generate(request)
        #expect(base.calls.withLock { $0 } == 2 && memo.hits == 0)
    }

    @Test func aFailureIsNotRemembered() async throws {
        let base = CountingModel(failFirst: true)
        let memo = MemoizingLanguageModel(base)
        let request = GenerationRequest(systemPrompt: "S", userTurn: "U", seed: 1)
        await #expect(throws: GenerationError.self) { try await memo.generate(request) }
        let retried = try await memo.generate(request)
        #expect(retried.outputs == ["answer 2"])
    }
}
