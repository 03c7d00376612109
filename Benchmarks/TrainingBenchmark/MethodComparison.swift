import Experiences
import LanguageModels
import PromptTraining
import RLTraining
import Randomness
import TrainingScenarios
import Verification

/// GRPO against the search baselines on one scenario, at one rollout budget, for one seed.
///
/// Every method gets the same reward function, built as `PromptTrainer` builds its own: index `i` stands for training
/// experience `i mod n` answered with draw `i / n`; the simulator answers the variant's prompt with a seed derived
/// from the run's seed, the experience id and the draw (so the variants compared on one index share their random
/// numbers), and the verifier scores the answer. GRPO runs with the trainer's defaults (G = 8, B = 8, Dr. GRPO
/// advantages, β = 0.002, the ranker's prior) and the rollout cap; the baselines use `Baselines` with the same cap. The chosen variant is then compared with the base
/// prompt on the held-out experiences with fresh seeds (`heldOutSeeds` answers per experience, paired).
struct MethodComparison {
    enum Method: String, CaseIterable {
        case grpo = "GRPO"
        case rankerTopOne = "ranker top-1"
        case randomSearch = "random search"
        case exhaustive = "every variant, even split"
    }

    struct Outcome {
        var variant: Variant
        var rollouts: Int
        var heldOutGain: Double
    }

    let scenario: Scenario
    let simulator: Simulator
    let verifier: Verifier
    var heldOutFraction = 0.3
    var heldOutSeeds = 4

    init(scenario: Scenario, verifier: Verifier) throws {
        self.scenario = scenario
        self.simulator = try scenario.simulator()
        self.verifier = verifier
    }

    /// Runs the four methods for `seed` under `budget` rollouts each.
    func run(seed: UInt64, budget: Int) async throws -> [Method: Outcome] {
        var shuffled = self.scenario.experiences
        var rng = SplitMix64.derived(seed: seed, stream: 0x7370_6C69)
        shuffled.shuffle(using: &rng)
        let heldOutCount = Int((Double(shuffled.count) * self.heldOutFraction).rounded())
        let heldOut = Array(shuffled.prefix(heldOutCount))
        let train = Array(shuffled.dropFirst(heldOutCount))
        let prepared = train.map { self.verifier.prepare($0) }
        let prompts = Dictionary(
            uniqueKeysWithValues: VariantValues.allVariants(self.scenario.choiceCounts).map {
                ($0, self.scenario.prompt(for: $0))
            })

        let draws = max(1, (budget + train.count - 1) / train.count)
        let reward: RewardFunction = { variant, index in
            let experience = index % train.count
            let (value, tokens) = try self.score(
                prompt: prompts[variant]!, experience: train[experience], prepared: prepared[experience],
                seed: Self.experienceSeed(seed, train[experience].id, draw: index / train.count))
            return RewardSample(reward: value, tokens: tokens)
        }
        let choiceCounts = self.scenario.choiceCounts
        let baseline = BaselineConfiguration(rolloutBudget: budget, maxConcurrentRollouts: 16, seed: seed)
        let trainer = TrainerConfiguration()
        let grpo = GRPOConfiguration(
            groupSize: trainer.groupSize, batchSize: trainer.batchSize,
            steps: budget / (trainer.groupSize * trainer.batchSize), klCoefficient: trainer.klCoefficient,
            advantageNormalization: trainer.advantageNormalization, maxConcurrentRollouts: 16, rolloutBudget: budget,
            seed: seed)
        let prior = PatchPolicy(rankerScores: self.scenario.clusters.map { $0.candidates.map { $0.score ?? 0 } })

        var chosen: [Method: (Variant, Int)] = [:]
        let trained = try await GRPOTrainer(prior: prior, configuration: grpo).train(
            experienceCount: train.count * draws, reward: reward)
        chosen[.grpo] = (trained.variant, trained.rollouts)
        let top = try await Baselines.rankerTopOne(
            choiceCounts: choiceCounts, experienceCount: train.count * draws, configuration: baseline, reward: reward)
        chosen[.rankerTopOne] = (top.variant, top.rollouts)
        let random = try await Baselines.randomSearch(
            choiceCounts: choiceCounts, experienceCount: train.count * draws, configuration: baseline, reward: reward)
        chosen[.randomSearch] = (random.variant, random.rollouts)
        let every = try await Baselines.exhaustiveSearch(
            choiceCounts: choiceCounts, experienceCount: train.count * draws, configuration: baseline, reward: reward)
        chosen[.exhaustive] = (every.variant, every.rollouts)

        var outcomes: [Method: Outcome] = [:]
        let base = Variant(Array(repeating: Variant.noPatch, count: choiceCounts.count))
        for (method, (variant, rollouts)) in chosen {
            var total = 0.0
            for experience in heldOut {
                let prepared = self.verifier.prepare(experience)
                for fresh in 0..<self.heldOutSeeds {
                    let seed = Self.experienceSeed((seed ^ 0x6865_6C64_6F75_7400) &+ UInt64(fresh), experience.id)
                    let after = try self.score(
                        prompt: prompts[variant]!, experience: experience, prepared: prepared, seed: seed)
                    let before = try self.score(
                        prompt: prompts[base]!, experience: experience, prepared: prepared, seed: seed)
                    total += after.reward - before.reward
                }
            }
            outcomes[method] = Outcome(
                variant: variant, rollouts: rollouts, heldOutGain: total / Double(heldOut.count * self.heldOutSeeds))
        }
        return outcomes
    }

    /// One simulator answer scored by the verifier, exactly as `PromptTrainer` scores a rollout.
    private func score(
        prompt: String, experience: Experience, prepared: PreparedExperience, seed: UInt64
    ) throws
        -> (reward: Double, tokens: Int)
    {
        let configuration = TrainerConfiguration()
        let response = try self.simulator.respond(
            to: GenerationRequest(
                systemPrompt: prompt, experience: experience, temperature: configuration.temperature,
                maxTokens: configuration.maxTokens, seed: seed))
        return (self.verifier.verify(output: response.outputs[0], for: prepared).reward, response.usage.totalTokens)
    }

    /// `PromptTrainer`'s per-experience seed: FNV-1a of the id mixed with the run's seed and the draw.
    static func experienceSeed(_ seed: UInt64, _ id: String, draw: Int = 0) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix64(seed: hash ^ seed ^ (UInt64(draw) &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }
}
