import Experiences
import LanguageModels
import PromptTraining
import RLTraining
import Verification

/// The expected reward of every variant of a scenario on all its experiences, computed from the effect table rather
/// than estimated by training, so the tests know the best variant and by how much it wins.
///
/// For experience `e` of kind `k` under a prompt with instruction set `I`, the simulator draws outcome `o` (grounded
/// or a failure mode) with probability `P(o | I, k)` (``EffectTable/distribution(instructions:kind:temperature:)``),
/// and the verifier gives the text it writes for `o` a reward `R(e, o)` that does not depend on the prompt. So
///
///     V(variant) = mean_e Σ_o P(o | I(variant), k_e) · R(e, o).
///
/// `R(e, o)` is measured by forcing the simulator into `o` (a table whose logits are ±40) with the trainer's
/// temperature and token cap; the only outcome whose text is random (a hallucination's invented name and year) is
/// averaged over `hallucinationSamples` seeds.
package struct VariantValues {
    /// Every variant with its expected reward, best first.
    package let ranked: [(variant: Variant, value: Double)]

    package var best: Variant { self.ranked[0].variant }
    package var bestValue: Double { self.ranked[0].value }
    /// How far the best variant is ahead of the runner-up.
    package var margin: Double { self.ranked[0].value - self.ranked[1].value }

    package func value(of variant: Variant) -> Double {
        self.ranked.first { $0.variant == variant }!.value
    }

    /// - Complexity: O(|E| · (outcomes · samples + |variants|)) simulator and verifier calls and table look-ups.
    package init(
        _ scenario: Scenario, verifier: Verifier, configuration: TrainerConfiguration = TrainerConfiguration(),
        hallucinationSamples: Int = 16
    ) throws {
        let outcomes: [FailureMode?] = [nil] + FailureMode.allCases
        var rewards = [[Double]](repeating: [], count: scenario.experiences.count)
        for outcome in outcomes {
            let forced = try Simulator(
                configuration: SimulatorConfiguration(effects: Self.forcing(outcome, scenario.table)))
            let samples = outcome == .hallucination ? hallucinationSamples : 1
            for (index, experience) in scenario.experiences.enumerated() {
                let prepared = verifier.prepare(experience)
                var total = 0.0
                for sample in 0..<samples {
                    let response = try forced.respond(
                        to: GenerationRequest(
                            systemPrompt: scenario.basePrompt, experience: experience,
                            temperature: configuration.temperature, maxTokens: configuration.maxTokens,
                            seed: UInt64(sample)))
                    total += verifier.verify(output: response.outputs[0], for: prepared).reward
                }
                rewards[index].append(total / Double(samples))
            }
        }

        let simulator = try scenario.simulator()
        var values: [(variant: Variant, value: Double)] = []
        for variant in Self.allVariants(scenario.choiceCounts) {
            let instructions = simulator.instructions(in: scenario.prompt(for: variant))
            var total = 0.0
            for (index, experience) in scenario.experiences.enumerated() {
                let distribution = scenario.table.distribution(
                    instructions: instructions, kind: experience.metadata["kind"]?.stringValue,
                    temperature: configuration.temperature)
                total += zip(outcomes, rewards[index]).reduce(0) { sum, pair in
                    sum + (pair.0.map { distribution[$0] } ?? distribution.grounded) * pair.1
                }
            }
            values.append((variant, total / Double(scenario.experiences.count)))
        }
        self.ranked = values.sorted { $0.value > $1.value }
    }

    /// A table that always yields `outcome` (grounded when `nil`), keeping the kinds' answerability.
    package static func forcing(_ outcome: FailureMode?, _ table: EffectTable) -> EffectTable {
        var logits = FailureLogits()
        for mode in FailureMode.allCases { logits[mode] = mode == outcome ? 40 : -40 }
        return EffectTable(
            base: logits, defaultKind: table.defaultKind,
            kinds: table.kinds.mapValues { EffectTable.KindProfile(answerable: $0.answerable) },
            instructions: [])
    }

    /// Every variant, the first cluster varying slowest.
    package static func allVariants(_ choiceCounts: [Int]) -> [Variant] {
        choiceCounts.reduce([[Int]()]) { prefixes, count in
            prefixes.flatMap { prefix in (0..<count).map { prefix + [$0] } }
        }.map(Variant.init)
    }
}
