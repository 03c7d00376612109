import Experiences
import Foundation
import LanguageModels
import PromptTraining
import Prompts
import RLTraining
import Synchronization
import Testing
import TrainingScenarios
import Verification

/// Training against a model that fails some calls (a slow or broken endpoint after the client's retries): one failed
/// generation costs a rollout, not the run; a model that answers nothing stops with a clear reason.
struct FlakyModelTests {
    /// The simulator, except that calls whose experience input is in `failing` (or every call) fail as a backend
    /// error would; counts calls and records each call's `max_tokens`.
    final class FlakyModel: LanguageModel {
        let simulator: Simulator
        let failing: @Sendable (GenerationRequest) -> Bool
        let calls = Mutex<[GenerationRequest]>([])

        init(_ simulator: Simulator, failing: @escaping @Sendable (GenerationRequest) -> Bool) {
            self.simulator = simulator
            self.failing = failing
        }

        var name: String { "flaky" }

        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            self.calls.withLock { $0.append(request) }
            if self.failing(request) {
                throw GenerationError.backend("no complete answer within 60 seconds (gave up after 5 attempts)")
            }
            var response = try await self.simulator.generate(request)
            response.model = "served-by-flaky"
            return response
        }
    }

    static func scenario() -> Scenario { GateGuardrailTests.refusalTrade() }

    @Test func aFewFailedGenerationsCostRolloutsNotTheRun() async throws {
        let scenario = Self.scenario()
        // About one experience in twelve always fails: every variant's call for it, in training and in the gate.
        let failingInputs = Set(scenario.experiences.enumerated().filter { $0.offset % 12 == 5 }.map(\.element.input))
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            let model = FlakyModel(try scenario.simulator()) { failingInputs.contains($0.userTurn) }
            trainer.model = model
            trainer.configuration.guardrailTolerance = 1
            trainer.configuration.failureAllowance = 0.2
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 20, rolloutBudget: 1280), jobID: "job-flaky")
            #expect(result.training.failedRollouts > 0)
            #expect(result.training.stopReason != .modelFailures, "\(result.training)")
            #expect(result.evaluation.failedGenerations > 0)
            #expect(result.outcome == .written, "\(result.message)")
            #expect(result.answeredBy == .init(models: ["served-by-flaky"], simulated: true))
        }
    }

    @Test func aModelThatFailsTooOftenStopsTrainingAndKeepsWhatItLearned() async throws {
        let scenario = Self.scenario()
        let counter = Mutex(0)
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            // Every third call fails: far above the allowance, yet most calls still answer.
            trainer.model = FlakyModel(try scenario.simulator()) { _ in
                counter.withLock {
                    $0 += 1
                    return $0 % 3 == 0
                }
            }
            trainer.configuration.guardrailTolerance = 1
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 20, rolloutBudget: 1280), jobID: "job-failing")
            #expect(result.training.stopReason == .modelFailures)
            #expect(result.training.curve.count < 20)
            #expect(result.training.failedRollouts > 2)
        }
    }

    @Test func aModelThatAnswersNothingFailsTheJobWithAClearReason() async throws {
        let scenario = Self.scenario()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            trainer.model = FlakyModel(try scenario.simulator()) { _ in true }
            await #expect {
                try await trainer.run(scenario.request(seed: 2, steps: 20, rolloutBudget: 1280), jobID: "job-down")
            } throws: { error in
                guard let error = error as? TrainingRequestError else { return false }
                return error.isModelFailure && error.description.contains("gave up after 5 attempts")
                    && error.description.contains("nothing written")
            }
            #expect(try trainer.registry.ids().map(\.description) == [Scenario.basePromptID])
        }
    }

    @Test func repeatedDrawsAreAnsweredFromMemory() async throws {
        let scenario = Self.scenario()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            let model = FlakyModel(try scenario.simulator()) { _ in false }
            trainer.model = model
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 10, rolloutBudget: 1280), jobID: "job-memo")
            let calls = model.calls.withLock { $0 }
            // A group of eight samples one of two variants: most rollouts repeat a draw already made.
            #expect(result.training.cachedRollouts > 0)
            #expect(
                calls.count == result.training.rollouts - result.training.cachedRollouts + result.evaluation.rollouts)
            #expect(Set(calls).count == calls.count, "a repeated request reached the model")
        }
    }

    @Test func answerCapsAreSizedToTheReferenceWhenAsked() async throws {
        let scenario = Self.scenario()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            let model = FlakyModel(try scenario.simulator()) { _ in false }
            trainer.model = model
            trainer.configuration.answerTokenScale = 3
            _ = try await trainer.run(scenario.request(seed: 2, steps: 2, rolloutBudget: 64), jobID: "job-caps")
            let caps = model.calls.withLock { $0.compactMap(\.maxTokens) }
            #expect(!caps.isEmpty && caps.allSatisfy { (48..<512).contains($0) }, "\(Set(caps))")
        }
    }

    @Test func answerCapFollowsTheExpectedAnswer() {
        #expect(TokenEstimate.answerCap(expected: nil, scale: 3, ceiling: 512) == 512)
        #expect(TokenEstimate.answerCap(expected: "Paris.", scale: nil, ceiling: 512) == 512)
        #expect(TokenEstimate.answerCap(expected: "Paris.", scale: 3, ceiling: 512) == 48)
        let sentence = String(repeating: "word ", count: 40)  // 200 bytes: 50 tokens
        #expect(TokenEstimate.answerCap(expected: sentence, scale: 3, ceiling: 512) == 182)
        #expect(TokenEstimate.answerCap(expected: sentence, scale: 3, ceiling: 100) == 100)
    }
}
