import Experiences
import Foundation
import LanguageModels
import PromptTraining
import RLTraining
import TrainingScenarios
import Verification

/// How often the held-out gate would write a version that is no better than the base prompt
/// (`RLTraining.GateCalibration`), on the simulator's rewards.
///
/// The null is exact: each experience's pair is the base prompt answering it twice, with two unrelated seeds, as a
/// real model answers two prompts that differ in nothing that matters (a real model's sample changes with any change
/// of the prompt, so the simulator's shared random numbers are not used). The simulator's answers are scored by the
/// verifier; a second source adds independent Gaussian noise (sd 0.3) to every reward, as the comparison's noisy
/// scenarios do. `RealModelBenchmark --gate-null` does the same on a real model's answers.
struct GateNull {
    let trials: Int
    let sizes: [Int]

    func run() throws {
        let verifier = try Verifier()
        let scenario = Scenario.rankerMisled(scale: 3)
        let simulator = try scenario.simulator()
        let configuration = TrainerConfiguration()
        // Each experience answered under 64 seeds; a trial pairs two of them at random per experience.
        let draws = 64
        let rewards = try scenario.experiences.map { experience in
            try (0..<UInt64(draws)).map { stream in
                let response = try simulator.respond(
                    to: GenerationRequest(
                        systemPrompt: scenario.basePrompt, experience: experience,
                        temperature: configuration.temperature, maxTokens: configuration.maxTokens,
                        seed: MethodComparison.experienceSeed(stream, experience.id)))
                return verifier.verify(output: response.outputs[0], for: experience).reward
            }
        }
        let meanReward = rewards.joined().reduce(0, +) / Double(rewards.count * draws)
        print("## The gate under the null (SIMULATED: \(scenario.name), base prompt against itself)")
        print(
            "\(rewards.count) experiences x \(draws) answers each, mean reward \(String(format: "%.3f", meanReward)); "
                + "\(self.trials) trials per row; 'writes' = share of trials whose 95% interval's low end is above 0 "
                + "(Wilson 95% interval); nominal 0.025")
        print("")
        print(
            "| rewards | held-out n | plain percentile: writes | expanded percentile: writes | "
                + "the gate (expanded and sign-flip): writes | expanded tail |")
        print("| --- | ---: | --- | --- | --- | ---: |")
        for noise in [0.0, 0.3] {
            for n in self.sizes where n <= rewards.count {
                let writes = GateCalibration.nullWrites(
                    draws: rewards, heldOut: n, trials: self.trials, noise: noise,
                    seed: 0x6761_7465 ^ UInt64(n) ^ (noise > 0 ? 0xA5A5 : 0))
                print(
                    "| \(noise > 0 ? "verifier + noise sd 0.3" : "verifier") | \(n) | "
                        + "\(Self.share(writes.plain, of: writes.trials)) | "
                        + "\(Self.share(writes.expanded, of: writes.trials)) | "
                        + "\(Self.share(writes.gate, of: writes.trials)) | "
                        + String(format: "%.4f", PairedBootstrap.expandedTail(count: n, confidence: 0.95)) + " |")
            }
        }
        print("")
    }

    /// `count / trials` with Wilson's 95% interval.
    static func share(_ count: Int, of trials: Int) -> String {
        let interval = Intervals.wilson(count, of: trials)
        return String(format: "%.4f [%.4f, %.4f]", Double(count) / Double(trials), interval.low, interval.high)
    }
}
