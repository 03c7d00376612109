import Experiences
import Foundation
import LanguageModels
import PromptTraining
import RLTraining
import Randomness
import Synchronization
import TrainingScenarios
import Verification

/// Every method on one scenario, at one rollout budget, for one seed.
///
/// Every method gets the same reward function, built as `PromptTrainer` builds its own: index `i` stands for training
/// experience `i mod n` answered with draw `i / n`; the simulator answers the variant's prompt with a seed derived
/// from the run's seed, the experience id and the draw (so the variants compared on one index share their random
/// numbers), the verifier scores the answer, and the scenario's noise (if any) is added. Rewards are computed once per
/// (variant, index) and seed and shared by the methods, which changes no result (the function is deterministic). The
/// GRPO methods run with the trainer's defaults (G = 8, B = 8, Dr. GRPO advantages, β = 0.002, the ranker's prior)
/// and the rollout cap; the baselines use `Baselines` with the same cap. Every method optimises the reward itself, as
/// the scenarios' exact values (`VariantValues`) measure it: `PromptTrainer`'s cap on non-answers (`TrainingReward`)
/// is left out, so the comparison is of how methods spend rollouts on one objective.
struct MethodComparison: Sendable {
    enum Method: String, CaseIterable, Sendable {
        case rankerTopOne = "ranker top-1"
        case randomSearch = "random search"
        case evenSplit = "even split"
        case successiveHalving = "successive halving"
        case grpo = "GRPO as before (policy sampling)"
        case grpoHalving = "GRPO + successive halving (new)"
        /// Not a method: a reference for what a budget can decide. Told the best variant and the runner-up, it
        /// spends the whole budget on the two, paired on the same indices, and keeps the one with the higher total
        /// (a tie by a seeded coin). A method that must also find the two among the rest cannot be expected to
        /// choose the best more often, so where this finds it in fewer than 15 of 20 seeds, no method will.
        case oraclePair = "oracle pair (reference, not a method)"

        var isBaseline: Bool { self != .grpoHalving && self != .oraclePair }
    }

    struct Outcome: Sendable {
        var variant: Variant
        var rollouts: Int
    }

    let compared: ComparedScenario
    let simulator: Simulator
    let verifier: Verifier
    let prompts: [Variant: String]
    /// The best variant and the runner-up by exact expected reward, for ``Method/oraclePair``.
    let finalists: (best: Variant, runnerUp: Variant)
    var heldOutFraction = 0.3

    init(_ compared: ComparedScenario, verifier: Verifier, finalists: (best: Variant, runnerUp: Variant)) throws {
        self.compared = compared
        self.finalists = finalists
        self.simulator = try compared.scenario.simulator()
        self.verifier = verifier
        self.prompts = Dictionary(
            uniqueKeysWithValues: VariantValues.allVariants(compared.scenario.choiceCounts).map {
                ($0, compared.scenario.prompt(for: $0))
            })
    }

    /// Runs every method for `seed` under each budget.
    func run(seed: UInt64, budgets: [Int]) async throws -> [Int: [Method: Outcome]] {
        let scenario = self.compared.scenario
        var shuffled = scenario.experiences
        var rng = SplitMix64.derived(seed: seed, stream: 0x7370_6C69)
        shuffled.shuffle(using: &rng)
        let heldOutCount = Int((Double(shuffled.count) * self.heldOutFraction).rounded())
        let train = Array(shuffled.dropFirst(heldOutCount))
        let prepared = train.map { self.verifier.prepare($0) }
        let cache = Mutex([Key: Double]())
        let noise = self.compared.rewardNoise
        let reward: RewardFunction = { variant, index in
            let key = Key(variant: variant, index: index)
            if let value = cache.withLock({ $0[key] }) { return RewardSample(reward: value, tokens: 0) }
            let experience = index % train.count
            var value = try self.score(
                prompt: self.prompts[variant]!, experience: train[experience], prepared: prepared[experience],
                seed: Self.experienceSeed(seed, train[experience].id, draw: index / train.count))
            if noise > 0 { value += noise * Self.gaussian(seed: seed, variant: variant, index: index) }
            cache.withLock { $0[key] = value }
            return RewardSample(reward: value, tokens: 0)
        }
        let choiceCounts = scenario.choiceCounts
        let prior = PatchPolicy(rankerScores: scenario.clusters.map { $0.candidates.map { $0.score ?? 0 } })
        let trainer = TrainerConfiguration()
        var results: [Int: [Method: Outcome]] = [:]
        for budget in budgets {
            // Enough draws that no (experience, draw) pair is used twice, as the trainer does.
            let experienceCount = train.count * max(1, (budget + train.count - 1) / train.count)
            let baseline = BaselineConfiguration(rolloutBudget: budget, maxConcurrentRollouts: 1, seed: seed)
            func grpo(_ allocation: AllocationRule) -> GRPOConfiguration {
                GRPOConfiguration(
                    groupSize: trainer.groupSize, batchSize: trainer.batchSize,
                    steps: budget / (trainer.groupSize * trainer.batchSize), klCoefficient: trainer.klCoefficient,
                    advantageNormalization: trainer.advantageNormalization,
                    adam: AdamConfiguration(learningRate: trainer.learningRate), maxConcurrentRollouts: 1,
                    rolloutBudget: budget, seed: seed, allocation: allocation)
            }
            var outcomes: [Method: Outcome] = [:]
            for method in Method.allCases {
                switch method {
                case .grpo, .grpoHalving:
                    let trained = try await GRPOTrainer(
                        prior: prior, configuration: grpo(method == .grpo ? .policy : .successiveHalving)
                    ).train(experienceCount: experienceCount, reward: reward)
                    outcomes[method] = Outcome(variant: trained.variant, rollouts: trained.rollouts)
                case .oraclePair:
                    var difference = 0.0
                    for index in 0..<(budget / 2) {
                        difference +=
                            try await reward(self.finalists.best, index).reward
                            - reward(self.finalists.runnerUp, index).reward
                    }
                    var coin = SplitMix64.derived(seed: seed, stream: 0x6F72_6163)
                    let keepsBest = difference > 1e-12 || (abs(difference) <= 1e-12 && coin.next() % 2 == 0)
                    outcomes[method] = Outcome(
                        variant: keepsBest ? self.finalists.best : self.finalists.runnerUp, rollouts: budget / 2 * 2)
                case .rankerTopOne, .randomSearch, .evenSplit, .successiveHalving:
                    let search: BaselineOutcome
                    switch method {
                    case .rankerTopOne:
                        search = try await Baselines.rankerTopOne(
                            choiceCounts: choiceCounts, experienceCount: experienceCount, configuration: baseline,
                            reward: reward)
                    case .randomSearch:
                        search = try await Baselines.randomSearch(
                            choiceCounts: choiceCounts, experienceCount: experienceCount, configuration: baseline,
                            reward: reward)
                    case .evenSplit:
                        search = try await Baselines.exhaustiveSearch(
                            choiceCounts: choiceCounts, experienceCount: experienceCount, configuration: baseline,
                            reward: reward)
                    default:
                        search = try await Baselines.successiveHalving(
                            choiceCounts: choiceCounts, experienceCount: experienceCount, configuration: baseline,
                            reward: reward)
                    }
                    outcomes[method] = Outcome(variant: search.variant, rollouts: search.rollouts)
                }
            }
            results[budget] = outcomes
        }
        return results
    }

    struct Key: Hashable {
        var variant: Variant
        var index: Int
    }

    /// One simulator answer scored by the verifier, as `PromptTrainer` scores a rollout (without its training cap on
    /// non-answers, see the type's comment).
    private func score(
        prompt: String, experience: Experience, prepared: PreparedExperience, seed: UInt64
    ) throws
        -> Double
    {
        let configuration = TrainerConfiguration()
        let response = try self.simulator.respond(
            to: GenerationRequest(
                systemPrompt: prompt, experience: experience, temperature: configuration.temperature,
                maxTokens: configuration.maxTokens, seed: seed))
        return self.verifier.verify(output: response.outputs[0], for: prepared).reward
    }

    /// A standard normal draw seeded by (seed, variant, index) (Box–Muller).
    static func gaussian(seed: UInt64, variant: Variant, index: Int) -> Double {
        let code = variant.choices.reduce(UInt64(0x6E6F_6973)) { $0 &* 31 &+ UInt64($1) }
        var rng = SplitMix64.derived(seed: seed ^ code, stream: UInt64(index))
        return rng.nextStandardNormal()
    }

    /// `PromptTrainer`'s per-experience seed: FNV-1a of the id mixed with the run's seed and the draw.
    static func experienceSeed(_ seed: UInt64, _ id: String, draw: Int = 0) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix64(seed: hash ^ seed ^ (UInt64(draw) &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }
}
