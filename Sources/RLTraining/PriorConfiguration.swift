/// How the reference policy (the prior, the initial policy and the KL anchor) is built from the ranker's scores.
///
/// For a cluster with ranked candidates scored `s_1...s_m` (m ≥ 1), the prior is
/// `q(0) = noPatchProbability` and `q(k) = (1 − noPatchProbability) · softmax(s / temperature)_k` for `k = 1...m`.
/// A cluster without candidates has the single choice "no patch" with probability 1. The ranker's scores are in
/// 0...1, so a temperature of 0.1 turns a 0.1 score gap into a factor of e ≈ 2.7 between candidates.
package struct PriorConfiguration: Sendable, Hashable, Codable {
    /// The prior probability of "no patch" in every cluster that has candidates, in (0, 1). Default `0.2`.
    package var noPatchProbability: Double
    /// The softmax temperature applied to the ranker's scores, > 0. Default `0.1`.
    package var temperature: Double

    /// Creates a prior configuration; every argument has the documented default.
    package init(noPatchProbability: Double = 0.2, temperature: Double = 0.1) {
        self.noPatchProbability = noPatchProbability
        self.temperature = temperature
    }
}
