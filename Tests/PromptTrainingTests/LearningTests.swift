import Experiences
import Foundation
import LanguageModels
import PromptTraining
import RLTraining
import Testing
import TrainingScenarios
import Verification

/// Training must find the known best variant for at least 9 of 10 seeds.
///
/// Budget for every run: G = 8 variants × B = 8 experiences = 64 rollouts per step, at most 20 steps, capped at
/// 1280 training rollouts (plus two calls per held-out experience for the gate), with the trainer's defaults
/// otherwise (Dr. GRPO advantages, β = 0.002). The data are the scenario's 40 or 56 experiences, 30% held out.
struct LearningTests {
    static let steps = 20
    static let rolloutBudget = 1280
    static let seeds: [UInt64] = Array(1...10)

    /// Trains on `scenario` once per seed and returns the variants found (as patch ids) and the rollouts used.
    static func train(_ scenario: Scenario) async throws -> [(patchIDs: [String: String?], rollouts: Int)] {
        try await withThrowingTaskGroup(of: (Int, [String: String?], Int).self) { group in
            for (index, seed) in Self.seeds.enumerated() {
                group.addTask {
                    try await withTemporaryDirectory { directory in
                        let trainer = try await scenario.trainer(registryDirectory: directory)
                        let result = try await trainer.run(
                            scenario.request(seed: seed, steps: Self.steps, rolloutBudget: Self.rolloutBudget),
                            jobID: "learning-\(seed)")
                        return (index, result.patchIDs, result.training.rollouts)
                    }
                }
            }
            var results = [(patchIDs: [String: String?], rollouts: Int)?](repeating: nil, count: Self.seeds.count)
            for try await (index, patchIDs, rollouts) in group { results[index] = (patchIDs, rollouts) }
            return results.map { $0! }
        }
    }

    @Test func findsTheBestWhenTheRankersFavouriteIsNot() async throws {
        let scenario = Scenario.rankerMisled
        let values = try VariantValues(scenario, verifier: try Verifier())
        // The setup is what it claims: strict grounding + brevity is best, by a margin, and the ranker's pick is not.
        #expect(values.best == Variant([3, 2]))
        #expect(values.margin > 0.01, "runner-up \(values.ranked[1])")
        #expect(scenario.rankerFavourite == Variant([1, 1]))
        #expect(values.value(of: scenario.rankerFavourite) < values.bestValue - 0.05)

        let runs = try await Self.train(scenario)
        let best = scenario.patchIDs(for: values.best)
        #expect(runs.allSatisfy { $0.rollouts <= Self.rolloutBudget })
        #expect(runs.filter { $0.patchIDs == best }.count >= 9, "found \(runs.map(\.patchIDs))")
    }

    @Test func findsTheBestWhenAPatchHelpsFailuresButHurtsSuccesses() async throws {
        let scenario = Scenario.abstentionTradeOff
        let verifier = try Verifier()
        let values = try VariantValues(scenario, verifier: verifier)
        // Best: narrow abstention, the numbers rule, and no patch for the incomplete-answers cluster.
        #expect(values.best == Variant([2, 1, 0]))
        // 0.0336 today (0.0195 under the first domain-general grounding model, whose rewards for grounded and
        // abstaining outputs were closer).
        #expect(values.margin > 0.025, "runner-up \(values.ranked[1])")
        // The broad abstention rule fixes the targeted failures better than the narrow one...
        let unanswerable = scenario.experiences.filter { $0.metadata["kind"]?.stringValue == "unanswerable" }
        let targeted = Scenario(
            name: "targeted only", table: scenario.table, experiences: unanswerable, clusters: scenario.clusters)
        let onTargets = try VariantValues(targeted, verifier: verifier)
        #expect(onTargets.value(of: Variant([1, 1, 0])) > onTargets.value(of: Variant([2, 1, 0])) + 0.02)
        // ...but costs more on the successes, so with them in the data it loses; and "thorough" loses to no patch.
        #expect(values.value(of: Variant([1, 1, 0])) < values.bestValue - 0.01)
        #expect(values.value(of: Variant([2, 1, 1])) < values.bestValue - 0.01)
        #expect(scenario.rankerFavourite == Variant([1, 1, 1]))

        let runs = try await Self.train(scenario)
        let best = scenario.patchIDs(for: values.best)
        #expect(best["cluster_3"] == String?.none)
        #expect(runs.allSatisfy { $0.rollouts <= Self.rolloutBudget })
        // 9 of 10, as for the other scenarios. This test asked only 8 while the third cluster was a close call
        // (2026-12-02: the best found in 23 of 30 seeds). Measured 2026-12-05 with the trainer's defaults: 29 of 30
        // seeds (1-30), 10 of 10 here, under either allocation; and in every one of seeds 1-30 the exact best on the
        // training split alone (the 40 experiences training sees) is the best overall, so the target is the trainer's
        // to meet, not the data's.
        #expect(runs.filter { $0.patchIDs == best }.count >= 9, "found \(runs.map(\.patchIDs))")
    }

    /// The exact values agree with what the simulator and verifier actually give, averaged over many seeds (so the
    /// "known best" is the simulator's, not an artefact of the formula).
    @Test func exactValuesMatchSampledRewards() async throws {
        let scenario = Scenario.abstentionTradeOff
        let verifier = try Verifier()
        let values = try VariantValues(scenario, verifier: verifier)
        let simulator = try scenario.simulator()
        for variant in [Variant([0, 0, 0]), values.best, Variant([1, 1, 1])] {
            let prompt = scenario.prompt(for: variant)
            var total = 0.0
            let seeds = 40
            for experience in scenario.experiences {
                let prepared = verifier.prepare(experience)
                for seed in 0..<seeds {
                    let response = try simulator.respond(
                        to: .init(
                            systemPrompt: prompt, experience: experience, maxTokens: 512, seed: UInt64(seed) &* 7919))
                    total += verifier.verify(output: response.outputs[0], for: prepared).reward
                }
            }
            let sampled = total / Double(seeds * scenario.experiences.count)
            #expect(
                abs(sampled - values.value(of: variant)) < 0.02,
                "\(variant): \(sampled) vs \(values.value(of: variant))")
        }
    }
}

/// Runs `body` with a fresh empty directory, removed afterwards.
func withTemporaryDirectory<Value>(_ body: (URL) async throws -> Value) async throws -> Value {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-train-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}
