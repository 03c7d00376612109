import Experiences
import Foundation
import LanguageModels
import PromptTraining
import RLTraining
import Randomness
import TrainingScenarios
import Verification

/// How often the held-out gate would write a version that is no better than the base prompt (issue 16's gate, the
/// real-model runs' writes that did not hold): the false-write rate of the rule "the 95% interval's low end is above
/// `min_gain` = 0", for the plain and the expanded percentile bootstrap (`PairedBootstrap.expandedTail`).
///
/// The null is exact: each experience's pair is the base prompt answering it twice, with two unrelated seeds, as a
/// real model answers two prompts that differ in nothing that matters (a real model's sample changes with any change
/// of the prompt, so the simulator's shared random numbers are not used). The simulator's answers are scored by the
/// verifier; a second source adds independent Gaussian noise (sd 0.3) to every reward, as the comparison's noisy
/// scenarios do. Each trial draws `n` experiences without replacement and decides with 2,000 resamples, as the gate
/// does. A correct one-sided 2.5% test writes in 2.5% of trials.
struct GateNull {
    let trials: Int
    let sizes: [Int]

    func run() throws {
        let verifier = try Verifier()
        let scenario = Scenario.rankerMisled(scale: 3)
        let simulator = try scenario.simulator()
        let configuration = TrainerConfiguration()
        func reward(_ experience: Experience, _ stream: UInt64) throws -> Double {
            let response = try simulator.respond(
                to: GenerationRequest(
                    systemPrompt: scenario.basePrompt, experience: experience, temperature: configuration.temperature,
                    maxTokens: configuration.maxTokens,
                    seed: MethodComparison.experienceSeed(stream, experience.id)))
            return verifier.verify(output: response.outputs[0], for: experience).reward
        }
        // Each experience answered under 64 seeds; a trial pairs two of them at random per experience.
        let draws = 64
        let rewards = try scenario.experiences.map { experience in
            try (0..<UInt64(draws)).map { try reward(experience, $0) }
        }
        let meanReward = rewards.joined().reduce(0, +) / Double(rewards.count * draws)
        print("## The gate under the null (SIMULATED: \(scenario.name), base prompt against itself)")
        print(
            "\(rewards.count) experiences x \(draws) answers each, mean reward \(String(format: "%.3f", meanReward)); "
                + "\(self.trials) trials per row; 'writes' = share of trials whose 95% interval's low end is above 0 "
                + "(Wilson 95% interval); nominal 0.025")
        print("")
        print("| rewards | held-out n | plain percentile: writes | expanded percentile: writes | expanded tail |")
        print("| --- | ---: | --- | --- | ---: |")
        for noise in [0.0, 0.3] {
            for n in self.sizes where n <= rewards.count {
                var rng = SplitMix64(seed: 0x6761_7465 ^ UInt64(n) ^ (noise > 0 ? 0xA5A5 : 0))
                var plain = 0
                var expanded = 0
                for trial in 0..<self.trials {
                    var indices = Array(rewards.indices)
                    indices.shuffle(using: &rng)
                    let chosen = indices.prefix(n)
                    let differences = chosen.map { index -> Double in
                        let first = Int(rng.next(upperBound: UInt64(draws)))
                        var second = Int(rng.next(upperBound: UInt64(draws - 1)))
                        if second >= first { second += 1 }
                        let noisy = noise > 0 ? noise * (Self.gaussian(&rng) - Self.gaussian(&rng)) : 0
                        return rewards[index][first] - rewards[index][second] + noisy
                    }
                    let bootstrap = BootstrapConfiguration(seed: UInt64(trial))
                    if PairedBootstrap.mean(of: differences, configuration: bootstrap, expanded: false).low > 0 {
                        plain += 1
                    }
                    if PairedBootstrap.mean(of: differences, configuration: bootstrap).low > 0 { expanded += 1 }
                }
                func share(_ count: Int) -> String {
                    let interval = Intervals.wilson(count, of: self.trials)
                    return String(
                        format: "%.4f [%.4f, %.4f]", Double(count) / Double(self.trials), interval.low, interval.high)
                }
                print(
                    "| \(noise > 0 ? "verifier + noise sd 0.3" : "verifier") | \(n) | \(share(plain)) | "
                        + "\(share(expanded)) | \(String(format: "%.4f", PairedBootstrap.expandedTail(count: n, confidence: 0.95))) |"
                )
            }
        }
        print("")
    }

    /// A standard normal draw (Box-Muller).
    static func gaussian(_ rng: inout SplitMix64) -> Double {
        let u1 = max(Double(rng.next() >> 11) * 0x1.0p-53, 1e-300)
        let u2 = Double(rng.next() >> 11) * 0x1.0p-53
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
