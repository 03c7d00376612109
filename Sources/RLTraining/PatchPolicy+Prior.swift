import Foundation

extension PatchPolicy {
    /// The reference policy built from the ranker's scores, as `PriorConfiguration` describes:
    /// `q(0) = p₀`, `q(k) = (1 − p₀) · softmax(s / T)_k`.
    ///
    /// The logits are computed in log space, `θ_0 = log p₀` and
    /// `θ_k = log(1 − p₀) + (s_k − s_max)/T − log Σ_j exp((s_j − s_max)/T)`, so no candidate's probability underflows
    /// to zero whatever the score gaps.
    ///
    /// - Parameters:
    ///   - rankerScores: per cluster, the scores of its candidates in ranked order (choice `k` is `scores[k - 1]`).
    ///   - configuration: the no-patch mass and temperature.
    /// - Precondition: `0 < noPatchProbability < 1`, `temperature > 0` and every score finite.
    /// - Complexity: O(Σ_c m_c).
    package init(rankerScores: [[Double]], configuration: PriorConfiguration = PriorConfiguration()) {
        let noPatch = configuration.noPatchProbability
        precondition(noPatch > 0 && noPatch < 1, "noPatchProbability must be in (0, 1)")
        precondition(configuration.temperature > 0, "temperature must be positive")
        let logits = rankerScores.map { scores -> [Double] in
            precondition(scores.allSatisfy(\.isFinite), "ranker scores must be finite")
            guard let maximum = scores.max() else { return [0] }
            let scaled = scores.map { ($0 - maximum) / configuration.temperature }
            let logNormaliser = Foundation.log(scaled.reduce(0) { $0 + Foundation.exp($1) })
            let logPatched = Foundation.log1p(-noPatch)
            return [Foundation.log(noPatch)] + scaled.map { logPatched + $0 - logNormaliser }
        }
        self.init(logits: logits)
    }
}
