import Foundation
import Randomness
import Testing

@testable import RLTraining

/// Central finite differences of the full objective J(θ) = surrogate − β·KL against the analytic gradient.
struct GradientCheckTests {
    @Test(arguments: 0..<8 as Range<UInt64>)
    func analyticGradientMatchesFiniteDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: 1000 + seed)
        let choiceCounts = [2, 3, 5]
        let epsilon = 0.2
        let beta = 0.3
        // θ_old at random; θ = θ_old + noise large enough that some ratios leave [1 − ε, 1 + ε].
        let oldLogits = choiceCounts.map { (0..<$0).map { _ in rng.nextStandardNormal() } }
        let logits = oldLogits.map { $0.map { $0 + 0.25 * rng.nextStandardNormal() } }
        let referenceLogits = choiceCounts.map { (0..<$0).map { _ in rng.nextStandardNormal() } }
        let old = PatchPolicy(logits: oldLogits)
        let policy = PatchPolicy(logits: logits)
        let reference = PatchPolicy(logits: referenceLogits)
        var samples = [SurrogateSample]()
        for _ in 0..<24 {
            let variant = old.sample(using: &rng)
            samples.append(
                SurrogateSample(
                    variant: variant,
                    advantage: rng.nextStandardNormal(),
                    oldLogProbability: old.logProbability(of: variant)
                )
            )
        }
        // Stay away from the kinks of the clip: every ratio must be at least 1e-3 from 1 ± ε.
        let ratios = samples.map { Foundation.exp(policy.logProbability(of: $0.variant) - $0.oldLogProbability) }
        let nearKink = ratios.contains { abs($0 - (1 + epsilon)) < 1e-3 || abs($0 - (1 - epsilon)) < 1e-3 }
        try #require(!nearKink, "seed lands on a clip kink; pick another")

        func objective(_ flat: [Double]) -> Double {
            var perturbed = policy
            perturbed.flattenedLogits = flat
            return GRPO.evaluate(
                policy: perturbed,
                samples: samples,
                reference: reference,
                clipEpsilon: epsilon,
                klCoefficient: beta
            ).objective
        }
        let evaluation = GRPO.evaluate(
            policy: policy,
            samples: samples,
            reference: reference,
            clipEpsilon: epsilon,
            klCoefficient: beta
        )
        // The check must exercise both branches of the clip.
        #expect(evaluation.clippedShare > 0)
        #expect(evaluation.clippedShare < 1)

        let analytic = evaluation.gradient.flatMap { $0 }
        let base = policy.flattenedLogits
        let h = 1e-6
        var numeric = [Double]()
        for index in base.indices {
            var plus = base
            var minus = base
            plus[index] += h
            minus[index] -= h
            numeric.append((objective(plus) - objective(minus)) / (2 * h))
        }
        let difference = Foundation.sqrt(zip(analytic, numeric).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
        let scale = max(
            Foundation.sqrt(analytic.reduce(0) { $0 + $1 * $1 }),
            Foundation.sqrt(numeric.reduce(0) { $0 + $1 * $1 })
        )
        #expect(scale > 1e-3)
        #expect(difference / scale < 1e-5, "relative error \(difference / scale)")
    }
}
