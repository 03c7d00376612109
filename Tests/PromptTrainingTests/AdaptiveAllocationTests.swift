import Experiences
import Foundation
import LanguageModels
import PromptTraining
import RLTraining
import Testing
import TrainingScenarios
import Verification

/// Issue 15 in the trainer stage: successive halving can be chosen and reports what each decision cost, the old
/// allocation stays the default, and a sequential gate stops once its decision is clear.
struct AdaptiveAllocationTests {
    /// One cluster whose only candidate all but ends the base prompt's hallucinations without side effects: the
    /// gain is obvious after a handful of held-out experiences.
    static func clearFix() -> Scenario {
        Scenario.groundingRule(
            name: "a rule that fixes invented facts", idPrefix: "cf", hallucination: 1, effect: -5, successes: 40)
    }

    static func run(
        _ scenario: Scenario, seed: UInt64 = 2, configure: (inout TrainerConfiguration) -> Void = { _ in }
    ) async throws -> TrainingResult {
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            configure(&trainer.configuration)
            return try await trainer.run(
                scenario.request(seed: seed, steps: 20, rolloutBudget: 1280), jobID: "job-adaptive-\(seed)")
        }
    }

    @Test func theSequentialGateStopsWhenTheGainIsClear() async throws {
        let fixed = try await Self.run(Self.clearFix())
        let sequential = try await Self.run(Self.clearFix()) { $0.gateSchedule = .sequential }
        #expect(fixed.outcome == .written)
        #expect(sequential.outcome == .written, "\(sequential.message)")
        #expect(sequential.patchIDs == fixed.patchIDs)
        #expect(fixed.evaluation.looks == 1)
        #expect(fixed.evaluation.rollouts == fixed.evaluation.plannedRollouts)
        #expect(sequential.evaluation.looks == 1)
        #expect(sequential.evaluation.experiences == 20)
        #expect(sequential.evaluation.rollouts == 40)
        #expect(sequential.evaluation.plannedRollouts == fixed.evaluation.rollouts)
        #expect(sequential.evaluation.gain.low > 0)
    }

    @Test func theSequentialGateStopsWhenAGuardrailBlocks() async throws {
        let fixed = try await Self.run(GateGuardrailTests.refusalTrade())
        let sequential = try await Self.run(GateGuardrailTests.refusalTrade()) { $0.gateSchedule = .sequential }
        #expect(fixed.outcome == .blockedByGuardrail)
        #expect(sequential.outcome == .blockedByGuardrail, "\(sequential.message)")
        #expect(sequential.evaluation.rollouts < fixed.evaluation.rollouts)
        #expect(sequential.evaluation.rollouts == 2 * sequential.evaluation.experiences)
    }

    @Test func theResultReportsWhatEachDecisionCost() async throws {
        let result = try await Self.run(Scenario.abstentionTradeOff, seed: 4) { $0.allocation = .successiveHalving }
        let training = result.training
        #expect(training.allocation == .successiveHalving)
        #expect(!training.decisions.isEmpty)
        #expect(training.decisions.map(\.rollouts).reduce(0, +) == training.rollouts)
        #expect(training.decisions.last?.variantsAfter == 1)
        #expect(training.decisions.first?.variantsBefore == 27)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for key in [
            "\"decisions\"", "\"total_rollouts\"", "\"surviving_choices\"", "\"looks\"", "\"planned_rollouts\"",
        ] {
            #expect(json.contains(key), "\(key) missing")
        }
        let decoded = try JSONDecoder().decode(TrainingResult.self, from: Data(json.utf8))
        #expect(decoded == result)
    }

    @Test func theOldAllocationIsStillTheDefault() async throws {
        #expect(TrainerConfiguration().allocation == .policy)
        let result = try await Self.run(Scenario.rankerMisled)
        #expect(result.training.allocation == .policy)
        #expect(result.training.decisions.isEmpty)
        #expect(result.training.rollouts == 1280)
    }
}
