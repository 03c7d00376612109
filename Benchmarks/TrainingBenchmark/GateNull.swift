import Evaluation
import Experiences
import Foundation
import LanguageModels
import PromptTraining
import RLTraining
import Randomness
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
        let answers = try scenario.experiences.map { experience in
            try (0..<UInt64(draws)).map { stream in
                let response = try simulator.respond(
                    to: GenerationRequest(
                        systemPrompt: scenario.basePrompt, experience: experience,
                        temperature: configuration.temperature, maxTokens: configuration.maxTokens,
                        seed: MethodComparison.experienceSeed(stream, experience.id)))
                let output = response.outputs[0]
                return (
                    verdict: verifier.verify(output: output, for: experience),
                    words: output.split(whereSeparator: \.isWhitespace).count
                )
            }
        }
        let rewards = answers.map { $0.map(\.verdict.reward) }
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
        self.severalAnswers(answers, configuration: configuration)
        self.guardrailBlocks(
            answers, successes: scenario.experiences.indices.filter { scenario.experiences[$0].success == true },
            configuration: configuration)
        self.guardrailPower(configuration: configuration)
    }

    /// The gate and its guardrails under the same null when each prompt answers each held-out experience
    /// `held_out_answers` times (3, the CLI's count on a real endpoint): the reward rule through
    /// `GateCalibration.nullWrites(answers:)`, the guardrails on per-experience means of distinct draws.
    func severalAnswers(_ answers: [[GuardrailCalibration.Answer]], configuration: TrainerConfiguration) {
        let count = 3
        let rewards = answers.map { $0.map(\.verdict.reward) }
        let trials = max(1, self.trials / 4)
        print("## The gate under the null with \(count) answers per held-out experience (SIMULATED: the same answers)")
        print(
            "each side of a pair is the mean of \(count) distinct draws; \(self.trials) trials per row for the gain, "
                + "\(trials) for the guardrails (1,000 resamples each, held-out part alone); nominal 0.025")
        print("")
        print("| rewards | held-out n | the gate (expanded and sign-flip): writes | guardrails: blocks |")
        print("| --- | ---: | --- | --- |")
        for noise in [0.0, 0.3] {
            for n in self.sizes where n <= rewards.count {
                let writes = GateCalibration.nullWrites(
                    draws: rewards, heldOut: n, trials: self.trials, noise: noise,
                    seed: 0x6761_7465 ^ UInt64(n) ^ (noise > 0 ? 0xA5A5 : 0), answers: count)
                var blocks = "-"
                if noise == 0 {
                    let checks = GuardrailCalibration.nullChecks(
                        answers: answers, heldOut: n, answersPerSide: count, trials: trials,
                        configuration: configuration, seed: 0x616E_7377 ^ UInt64(n))
                    blocks = Self.share(GuardrailCalibration.blocks(checks).blocked, of: trials)
                }
                print(
                    "| \(noise > 0 ? "verifier + noise sd 0.3" : "verifier") | \(n) | "
                        + "\(Self.share(writes.gate, of: writes.trials)) | \(blocks) |")
            }
        }
        print("")
    }

    /// How often the gate's guardrails (`Guardrails.check`, as the gate runs them) would block a version that changes
    /// nothing, under the rule they use (a guardrail's interval above 0 and its estimate above the tolerance, and for
    /// the length a sign-flip test agreeing) and under the rule before it (the interval above the tolerance): the
    /// chance that noise alone stops a good version. Each size is also checked as the gate checks it by default: with
    /// ``TrainerConfiguration/guardrailSuccesses`` more experiences whose logged response succeeded.
    func guardrailBlocks(
        _ answers: [[GuardrailCalibration.Answer]], successes: [Int], configuration: TrainerConfiguration
    ) {
        let trials = max(1, self.trials / 4)
        print("## The guardrails under the null (SIMULATED: the same answers as above)")
        print(
            "\(trials) trials per row, 1,000 resamples each; 'blocks' = share of trials in which some guardrail blocks "
                + "(Wilson 95% interval); tolerance \(configuration.guardrailTolerance) for rates, "
                + "\(configuration.lengthGuardrailTolerance) x the mean length for words")
        print("")
        print(
            "| held-out n | blocks: the gate's rule | blocks: interval above the tolerance (before) | "
                + "guardrails that blocked: the gate's rule; before |"
        )
        print("| ---: | --- | --- | --- |")
        let extra = configuration.guardrailSuccesses
        let rows = self.sizes.flatMap { [($0, 0), ($0, extra)] }
        for (n, extra) in rows where n + extra <= answers.count {
            let trialChecks = GuardrailCalibration.nullChecks(
                answers: answers, heldOut: n, extra: extra, extraPool: successes, trials: trials,
                configuration: configuration, seed: 0x6775_6172 ^ UInt64(n) ^ UInt64(extra) << 32)
            let (blocked, names) = GuardrailCalibration.blocks(trialChecks)
            let (blockedBefore, namesBefore) = GuardrailCalibration.blocks(trialChecks, under: Self.blocksUnderOldRule)
            let listed = GuardrailCalibration.listed
            print(
                "| \(n)\(extra > 0 ? " + \(extra) successes" : "") | \(Self.share(blocked, of: trials)) | "
                    + "\(Self.share(blockedBefore, of: trials)) | "
                    + "\(listed(names)); \(listed(namesBefore)) |")
        }
        print("")
    }

    /// How often one failure-rate guardrail blocks a candidate whose rate truly rose from `0.07` by `rise`, each held-out
    /// experience failing independently under each prompt (no pairing to help): the power of the gate's rule beside
    /// the rule before it, at the default tolerance, on binary data where the truth is set.
    func guardrailPower(configuration: TrainerConfiguration) {
        let trials = max(1, self.trials / 4)
        let base = 0.07
        print("## One rate guardrail against a true rise (synthetic, independent failures)")
        print(
            "base rate \(base), \(trials) trials per row, 1,000 resamples each; 'blocks' = share of trials in which the "
                + "guardrail blocks (Wilson 95% interval); tolerance \(configuration.guardrailTolerance)")
        print("")
        print("| true rise | held-out n | blocks: the gate's rule | blocks: interval above the tolerance (before) |")
        print("| ---: | ---: | --- | --- |")
        for rise in [0.0, 0.05, 0.10, 0.15] {
            for n in [24, 40, 56, 80] {
                var rng = SplitMix64(seed: 0x706F_7765 ^ UInt64(n) ^ UInt64((rise * 100).rounded()) << 32)
                var blocked = 0
                var blockedBefore = 0
                for trial in 0..<trials {
                    let before = (0..<n).map { _ in rng.nextUnitDouble() < base ? 1.0 : 0 }
                    let after = (0..<n).map { _ in rng.nextUnitDouble() < base + rise ? 1.0 : 0 }
                    let check = GuardrailCheck.paired(
                        name: "incomplete", before: before, after: after,
                        tolerance: configuration.guardrailTolerance, signFlip: false,
                        bootstrap: BootstrapConfiguration(resamples: 1000, seed: UInt64(trial)))
                    if check.blocked { blocked += 1 }
                    if Self.blocksUnderOldRule(check) { blockedBefore += 1 }
                }
                print(
                    "| +\(String(format: "%.2f", rise)) | \(n) | \(Self.share(blocked, of: trials)) | "
                        + "\(Self.share(blockedBefore, of: trials)) |"
                )
            }
        }
        print("")
    }

    /// Whether a guardrail blocked under the rule before 2026-12-05: its whole interval above the tolerance.
    static func blocksUnderOldRule(_ check: GuardrailCheck) -> Bool { check.difference.low > check.tolerance }

    /// `count / trials` with Wilson's 95% interval.
    static func share(_ count: Int, of trials: Int) -> String {
        let interval = RateInterval.wilson(count, of: trials)
        return String(format: "%.4f [%.4f, %.4f]", Double(count) / Double(trials), interval.low, interval.high)
    }
}
