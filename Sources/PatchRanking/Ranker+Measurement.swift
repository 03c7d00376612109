import Experiences
import LanguageModels
import PatchGeneration
import Verification

extension Ranker {
    /// The measured check's results: the base prompt's and each patched prompt's mean reward and hallucination rate
    /// on the replayed representatives.
    struct Measurement {
        struct Outcome {
            var reward: Double
            var hallucinationRate: Double
        }

        var summary: MeasurementSummary
        var base: Outcome
        var patched: [Outcome]

        /// `clamp(0.5 + 0.5 · (r_patched − r_base) / max(1 − r_base, 0.05), 0, 1)`: 0.5 for no change, 1 for
        /// closing the whole gap to a perfect reward, below 0.5 for a patch that makes things worse.
        func score(of outcome: Outcome) -> Double {
            let gain = outcome.reward - self.base.reward
            return min(1, max(0, 0.5 + 0.5 * gain / max(1 - self.base.reward, 0.05)))
        }
    }

    /// Replays `representatives` under the base prompt and each patched prompt, `samples` outputs each, with one
    /// seed for all prompts (common random numbers), and scores the outputs with the reward model.
    ///
    /// - Throws: what the model throws; `CancellationError` when cancelled.
    /// - Complexity: `(patchedPrompts + 1) × representatives` model calls of `samples` outputs.
    func measure(
        basePrompt: String,
        patchedPrompts: [String],
        representatives: [ClusterRepresentative],
        samples: Int,
        seed: UInt64
    ) async throws -> Measurement {
        let model: any LanguageModel = self.model ?? Simulator()
        let scorers = representatives.map {
            self.rewardModel.scorer(for: $0.experience.scored(underSystemPrompt: basePrompt))
        }
        var modelName = model.name
        var simulated = false

        func outcome(for prompt: String) async throws -> Measurement.Outcome {
            var rewards = 0.0
            var flagged = 0
            var outputs = 0
            for (representative, scorer) in zip(representatives, scorers) {
                try Task.checkCancellation()
                let request = GenerationRequest(
                    systemPrompt: prompt, experience: representative.experience, n: samples, seed: seed)
                let response = try await model.generate(request)
                modelName = response.model
                simulated = simulated || response.simulated
                for (index, output) in response.outputs.enumerated() {
                    let verdict = try await scorer(output, finishReason: response.finishReason(of: index))
                    rewards += verdict.reward
                    if verdict.hallucination { flagged += 1 }
                    outputs += 1
                }
            }
            guard outputs > 0 else { return Measurement.Outcome(reward: 0, hallucinationRate: 0) }
            return Measurement.Outcome(
                reward: rewards / Double(outputs), hallucinationRate: Double(flagged) / Double(outputs))
        }

        let base = try await outcome(for: basePrompt)
        var patched: [Measurement.Outcome] = []
        for prompt in patchedPrompts { patched.append(try await outcome(for: prompt)) }
        let summary = MeasurementSummary(
            model: modelName, simulated: simulated, samples: samples, seed: seed,
            representativeIDs: representatives.map(\.id), baseReward: Self.rounded(base.reward),
            baseHallucinationRate: Self.rounded(base.hallucinationRate))
        return Measurement(summary: summary, base: base, patched: patched)
    }
}
