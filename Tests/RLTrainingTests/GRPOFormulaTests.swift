import Foundation
import Testing

@testable import RLTraining

struct GRPOFormulaTests {
    @Test func standardisedAdvantagesUsePopulationStandardDeviation() throws {
        // r = [0.2, 0.5, 0.8]: mean 0.5, deviations [-0.3, 0, 0.3], population variance (0.09 + 0 + 0.09) / 3 = 0.06,
        // σ = sqrt(0.06) = 0.2449489742783178, so A = ±0.3 / 0.2449... = ±1.2247448713915892 (ε = 0).
        let advantages = try #require(
            GRPO.advantages(rewards: [0.2, 0.5, 0.8], normalization: .standardDeviation, epsilon: 0)
        )
        #expect(advantages.count == 3)
        #expect(abs(advantages[0] + 1.2247448713915892) < 1e-12)
        #expect(abs(advantages[1]) < 1e-12)
        #expect(abs(advantages[2] - 1.2247448713915892) < 1e-12)

        // r = [1, 0, 0, 1]: mean 0.5, σ = 0.5, ε = 1e-6: A = ±0.5 / 0.500001.
        let binary = try #require(
            GRPO.advantages(rewards: [1, 0, 0, 1], normalization: .standardDeviation, epsilon: 1e-6)
        )
        let expected = 0.5 / 0.500001
        #expect(zip(binary, [expected, -expected, -expected, expected]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func drGRPOAdvantagesOnlyCentre() throws {
        // Dr. GRPO: A = r − mean = [0.2 − 0.5, 0.5 − 0.5, 0.8 − 0.5].
        let advantages = try #require(
            GRPO.advantages(rewards: [0.2, 0.5, 0.8], normalization: .meanOnly, epsilon: 1e-6)
        )
        #expect(zip(advantages, [-0.3, 0, 0.3]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test(arguments: [[0.7, 0.7, 0.7], [0, 0], [1, 1, 1, 1]])
    func zeroSpreadGroupsAreSkipped(rewards: [Double]) {
        #expect(GRPO.advantages(rewards: rewards, normalization: .standardDeviation, epsilon: 1e-6) == nil)
        #expect(GRPO.advantages(rewards: rewards, normalization: .meanOnly, epsilon: 1e-6) == nil)
    }

    @Test func zeroSpreadGroupIsCountedAndTeachesNothing() {
        let prior = PatchPolicy(rankerScores: [[0.6, 0.5]])
        var trainer = GRPOTrainer(prior: prior, configuration: GRPOConfiguration(groupSize: 2))
        let flat = RolloutGroup(experience: 0, variants: [Variant([1]), Variant([2])], rewards: [0.4, 0.4])
        let statistics = trainer.update(groups: [flat, flat])
        #expect(statistics.zeroSpreadGroupCount == 2)
        #expect(statistics.zeroSpreadShare == 1)
        #expect(!statistics.updated)
        #expect(trainer.policy == prior)
        #expect(trainer.optimizer.stepCount == 0)

        let informative = RolloutGroup(experience: 1, variants: [Variant([1]), Variant([2])], rewards: [0, 1])
        let mixed = trainer.update(groups: [flat, informative])
        #expect(mixed.zeroSpreadGroupCount == 1)
        #expect(mixed.zeroSpreadShare == 0.5)
        #expect(mixed.updated)
        #expect(abs(mixed.meanReward - 0.45) < 1e-12)  // (0.4 + 0.4 + 0 + 1) / 4
        #expect(trainer.policy.probabilities(cluster: 0)[2] > prior.probabilities(cluster: 0)[2])
    }

    @Test(
        arguments: [
            // (ρ, A, expected value, unclipped?) with ε = 0.2:
            (1.5, 2.0, 2.4, false),  // ρA = 3.0 > clip(1.5)·A = 1.2·2 = 2.4: clipped, no gradient
            (1.5, -1.0, -1.5, true),  // ρA = −1.5 < 1.2·(−1) = −1.2: unclipped, gradient flows
            (0.5, 1.0, 0.5, true),  // ρA = 0.5 < 0.8·1 = 0.8: unclipped
            (0.5, -1.0, -0.8, false),  // ρA = −0.5 > 0.8·(−1) = −0.8: clipped
            (1.1, 1.0, 1.1, true),  // inside [0.8, 1.2]: both equal, unclipped
            (0.9, -2.0, -1.8, true),  // inside: unclipped
        ]
    )
    func clippedSurrogateTerm(ratio: Double, advantage: Double, value: Double, unclipped: Bool) {
        let term = GRPO.clippedSurrogateTerm(ratio: ratio, advantage: advantage, clipEpsilon: 0.2)
        #expect(abs(term.value - value) < 1e-12)
        #expect(term.isUnclipped == unclipped)
    }

    @Test func exactKLOnTwoAndThreeWayCategoricals() {
        // Two-way: p = [0.5, 0.5], q = [0.25, 0.75]:
        // KL = 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.5·0.693147 + 0.5·(−0.405465) = 0.1438410362258904.
        let p2 = PatchPolicy(probabilities: [[0.5, 0.5]])
        let q2 = PatchPolicy(probabilities: [[0.25, 0.75]])
        #expect(abs(p2.klDivergence(from: q2) - 0.1438410362258904) < 1e-12)

        // Three-way: p = [0.5, 0.3, 0.2], q = [0.2, 0.5, 0.3]:
        // KL = 0.5 ln 2.5 + 0.3 ln 0.6 + 0.2 ln(2/3) = 0.458145 − 0.153248 − 0.081093 = 0.2238046571856475.
        let p3 = PatchPolicy(probabilities: [[0.5, 0.3, 0.2]])
        let q3 = PatchPolicy(probabilities: [[0.2, 0.5, 0.3]])
        #expect(abs(p3.klDivergence(from: q3) - 0.2238046571856475) < 1e-12)

        // The product of both: KL adds over clusters, 0.14384103622589042 + 0.22380465718564752.
        let product = PatchPolicy(probabilities: [[0.5, 0.5], [0.5, 0.3, 0.2]])
        let reference = PatchPolicy(probabilities: [[0.25, 0.75], [0.2, 0.5, 0.3]])
        #expect(abs(product.klDivergence(from: reference) - 0.36764569341153797) < 1e-12)
        #expect(abs(product.klDivergence(from: product)) < 1e-15)
    }

    @Test func surrogateObjectiveAndGradientByHand() {
        // One cluster, π_old = [0.5, 0.5], π_θ = [0.7, 0.3], reference [0.5, 0.5], ε = 0.2, β = 0.1.
        // (a, A) → ρ, term:
        //   (0,  1.0) → 1.4, min(1.4, 1.2·1) = 1.2 (clipped)
        //   (1, −1.0) → 0.6, min(−0.6, 0.8·(−1)) = −0.8 (clipped)
        //   (0, −0.5) → 1.4, min(−0.7, 1.2·(−0.5)) = −0.7 (unclipped)
        //   (1,  2.0) → 0.6, min(1.2, 0.8·2) = 1.2 (unclipped)
        // surrogate = (1.2 − 0.8 − 0.7 + 1.2) / 4 = 0.225
        // KL = 0.7 ln 1.4 + 0.3 ln 0.6 = 0.0822828785050518; J = 0.225 − 0.1·KL = 0.2167717121494948.
        // ∂S/∂θ: active weights w = ρA/4 = −0.175 (a=0) and 0.3 (a=1), W = 0.125:
        //   [−0.175 − 0.125·0.7, 0.3 − 0.125·0.3] = [−0.2625, 0.2625]
        // ∂KL/∂θ = π ⊙ (ln(π/q) − KL) = [0.7·(0.336472 − 0.082283), 0.3·(−0.510826 − 0.082283)] = [0.177933, −0.177933]
        // ∂J/∂θ = ∂S/∂θ − 0.1·∂KL/∂θ = [−0.2802932550681313, 0.2802932550681313].
        let policy = PatchPolicy(probabilities: [[0.7, 0.3]])
        let old = PatchPolicy(probabilities: [[0.5, 0.5]])
        let samples = [(0, 1.0), (1, -1.0), (0, -0.5), (1, 2.0)].map { choice, advantage in
            SurrogateSample(
                variant: Variant([choice]),
                advantage: advantage,
                oldLogProbability: old.logProbability(of: Variant([choice]))
            )
        }
        let evaluation = GRPO.evaluate(
            policy: policy,
            samples: samples,
            reference: old,
            clipEpsilon: 0.2,
            klCoefficient: 0.1
        )
        #expect(abs(evaluation.surrogate - 0.225) < 1e-12)
        #expect(abs(evaluation.klDivergence - 0.0822828785050518) < 1e-12)
        #expect(abs(evaluation.objective - 0.2167717121494948) < 1e-12)
        #expect(evaluation.clippedShare == 0.5)
        #expect(abs(evaluation.gradient[0][0] + 0.2802932550681313) < 1e-12)
        #expect(abs(evaluation.gradient[0][1] - 0.2802932550681313) < 1e-12)
    }

    @Test func ratioIsOneAtTheSamplingPolicy() {
        // At θ = θ_old every ρ is 1, so the surrogate is mean(A), 0 for standardised advantages.
        let policy = PatchPolicy(rankerScores: [[0.9, 0.4], [0.5, 0.5, 0.7]])
        let variants = [Variant([0, 2]), Variant([1, 3]), Variant([2, 1]), Variant([1, 0])]
        let advantages = GRPO.advantages(rewards: [0.1, 0.9, 0.4, 0.6], normalization: .standardDeviation, epsilon: 0)!
        let samples = zip(variants, advantages).map {
            SurrogateSample(variant: $0, advantage: $1, oldLogProbability: policy.logProbability(of: $0))
        }
        let evaluation = GRPO.evaluate(
            policy: policy,
            samples: samples,
            reference: policy,
            clipEpsilon: 0.2,
            klCoefficient: 0.5
        )
        #expect(abs(evaluation.surrogate) < 1e-12)
        #expect(abs(evaluation.klDivergence) < 1e-15)
        #expect(evaluation.clippedShare == 0)
    }
}
