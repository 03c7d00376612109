import Foundation

/// The formulas of GRPO over patch choices, as pure functions: group-relative advantages, the clipped surrogate term,
/// and the full objective with its analytic gradient.
///
/// The objective maximised for one batch is
/// `J(θ) = (1/N) Σ_i min(ρ_i A_i, clip(ρ_i, 1 − ε, 1 + ε) A_i) − β · KL(π_θ ‖ π_ref)`,
/// `ρ_i = π_θ(a_i) / π_old(a_i)`, over the `N` rollouts of the groups that were not skipped.
package enum GRPO {
    /// Group-relative advantages, or `nil` when the group's rewards have zero spread (all exactly equal), in which
    /// case the group teaches nothing and is skipped.
    ///
    /// With `.standardDeviation`, `A_i = (r_i − r̄) / (σ + ε)` where `σ = sqrt((1/G) Σ (r_i − r̄)²)` is the
    /// population standard deviation; with `.meanOnly` (Dr. GRPO), `A_i = r_i − r̄`.
    ///
    /// - Parameters:
    ///   - rewards: the group's rewards, one per rollout.
    ///   - normalization: how to scale.
    ///   - epsilon: the `ε` added to `σ`.
    /// - Complexity: O(G).
    package static func advantages(
        rewards: [Double],
        normalization: AdvantageNormalization,
        epsilon: Double
    ) -> [Double]? {
        guard let first = rewards.first, rewards.contains(where: { $0 != first }) else { return nil }
        let mean = Statistics.mean(rewards)
        switch normalization {
        case .meanOnly:
            return rewards.map { $0 - mean }
        case .standardDeviation:
            let scale = Statistics.populationStandardDeviation(rewards) + epsilon
            return rewards.map { ($0 - mean) / scale }
        }
    }

    /// One rollout's clipped surrogate term `min(ρA, clip(ρ, 1 − ε, 1 + ε) A)` and whether its gradient flows.
    ///
    /// The gradient with respect to `ρ` is `A` when the unclipped term is the minimum and 0 when the clipped one is:
    /// it is cut when `A > 0` and `ρ > 1 + ε`, or `A < 0` and `ρ < 1 − ε` (at the boundaries both terms are equal
    /// and the unclipped gradient is used).
    ///
    /// - Returns: the term's value and `true` when its gradient is `A` (unclipped), `false` when it is 0.
    package static func clippedSurrogateTerm(
        ratio: Double,
        advantage: Double,
        clipEpsilon: Double
    ) -> (value: Double, isUnclipped: Bool) {
        let clipped = min(max(ratio, 1 - clipEpsilon), 1 + clipEpsilon)
        let unclippedValue = ratio * advantage
        let clippedValue = clipped * advantage
        if unclippedValue <= clippedValue {
            return (unclippedValue, true)
        }
        return (clippedValue, false)
    }

    /// The objective `J(θ)` at `policy`, its parts, and `∂J/∂θ`.
    ///
    /// Gradient: for a rollout whose unclipped term is active, `∇_θ ρ_i A_i = ρ_i A_i ∇_θ log π_θ(a_i)` with
    /// `∂ log π_θ(a)/∂θ_c = e_{a_c} − softmax(θ_c)`; a clipped rollout contributes 0. The exact KL's gradient per
    /// cluster is `∇_{θ_c} KL(softmax(θ_c) ‖ q_c) = π_c ⊙ (log π_c − log q_c − KL_c)`.
    ///
    /// - Parameters:
    ///   - policy: the current `π_θ`.
    ///   - samples: the rollouts with their advantages and `log π_old`.
    ///   - reference: `π_ref`, of the same shape.
    ///   - clipEpsilon: `ε` of the clip.
    ///   - klCoefficient: `β`.
    /// - Complexity: O(N·C + Σ_c m_c) for N samples over C clusters (the per-sample gradient is accumulated per
    ///   chosen index and the softmax part is applied once per cluster).
    package static func evaluate(
        policy: PatchPolicy,
        samples: [SurrogateSample],
        reference: PatchPolicy,
        clipEpsilon: Double,
        klCoefficient: Double
    ) -> ObjectiveEvaluation {
        precondition(reference.choiceCounts == policy.choiceCounts, "policy and reference have different shapes")
        let clusterCount = policy.clusterCount
        let logP = (0..<clusterCount).map { policy.logProbabilities(cluster: $0) }
        let logQ = (0..<clusterCount).map { reference.logProbabilities(cluster: $0) }
        let probabilities = logP.map { $0.map { Foundation.exp($0) } }

        // Surrogate: accumulate Σ_i w_i e_{a_ic} per cluster and W = Σ_i w_i, with w_i = ρ_i A_i / N on active
        // samples; then ∂S/∂θ_c = (Σ_i w_i e_{a_ic}) − W · π_c.
        var gradient = probabilities.map { [Double](repeating: 0, count: $0.count) }
        var surrogateSum = 0.0
        var activeWeight = 0.0
        var clippedCount = 0
        let inverseCount = samples.isEmpty ? 0 : 1 / Double(samples.count)
        for sample in samples {
            precondition(sample.variant.clusterCount == clusterCount, "sample and policy cover different clusters")
            var logProbability = 0.0
            for cluster in 0..<clusterCount { logProbability += logP[cluster][sample.variant[cluster]] }
            let ratio = Foundation.exp(logProbability - sample.oldLogProbability)
            let term = Self.clippedSurrogateTerm(ratio: ratio, advantage: sample.advantage, clipEpsilon: clipEpsilon)
            surrogateSum += term.value
            guard term.isUnclipped else {
                clippedCount += 1
                continue
            }
            let weight = ratio * sample.advantage * inverseCount
            activeWeight += weight
            for cluster in 0..<clusterCount { gradient[cluster][sample.variant[cluster]] += weight }
        }
        let surrogate = surrogateSum * inverseCount

        // Exact KL and its gradient, per cluster.
        var klTotal = 0.0
        for cluster in 0..<clusterCount {
            var klCluster = 0.0
            for index in logP[cluster].indices {
                klCluster += probabilities[cluster][index] * (logP[cluster][index] - logQ[cluster][index])
            }
            klTotal += klCluster
            for index in logP[cluster].indices {
                let p = probabilities[cluster][index]
                let klGradient = p * (logP[cluster][index] - logQ[cluster][index] - klCluster)
                gradient[cluster][index] += -activeWeight * p - klCoefficient * klGradient
            }
        }
        return ObjectiveEvaluation(
            objective: surrogate - klCoefficient * klTotal,
            surrogate: surrogate,
            klDivergence: klTotal,
            clippedShare: samples.isEmpty ? 0 : Double(clippedCount) * inverseCount,
            gradient: gradient
        )
    }
}
