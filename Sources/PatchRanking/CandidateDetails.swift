/// How a candidate's criteria were reached: the estimate and measurement behind `hallucination_reduction`, the
/// growth behind `length_safety`, and notes on clarity deductions.
///
/// JSON: `{"estimated_reduction", "measured_reduction"?, "coverage", "growth_tokens", "patched_reward"?,
/// "patched_hallucination_rate"?, "adds": [...], "removes": [...], "notes": [...]}`.
package struct CandidateDetails: Sendable, Hashable, Codable {
    /// The coverage estimate `Σ_c w_c · strength(c)`.
    package var estimatedReduction: Double
    /// The measured check's score, when it ran: `clamp(0.5 + 0.5 · gain / max(1 − base_reward, 0.05), 0, 1)`.
    package var measuredReduction: Double?
    /// The share of the cluster's categories the patch addresses (scales `cluster_severity`).
    package var coverage: Double
    /// Estimated tokens the patch adds to the prompt (negative when it shortens it).
    package var growthTokens: Int
    /// Mean verifier reward on the representatives under the patched prompt, when measured.
    package var patchedReward: Double?
    /// Share of those outputs flagged as hallucinations, when measured.
    package var patchedHallucinationRate: Double?
    /// Instruction families the patch adds to the prompt.
    package var adds: [String]
    /// Instruction families the patch removes from it.
    package var removes: [String]
    /// Readable notes (deductions, duplicates, conflicts).
    package var notes: [String]

    /// Creates details.
    package init(
        estimatedReduction: Double,
        measuredReduction: Double? = nil,
        coverage: Double,
        growthTokens: Int,
        patchedReward: Double? = nil,
        patchedHallucinationRate: Double? = nil,
        adds: [String] = [],
        removes: [String] = [],
        notes: [String] = []
    ) {
        self.estimatedReduction = estimatedReduction
        self.measuredReduction = measuredReduction
        self.coverage = coverage
        self.growthTokens = growthTokens
        self.patchedReward = patchedReward
        self.patchedHallucinationRate = patchedHallucinationRate
        self.adds = adds
        self.removes = removes
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case estimatedReduction = "estimated_reduction"
        case measuredReduction = "measured_reduction"
        case coverage
        case growthTokens = "growth_tokens"
        case patchedReward = "patched_reward"
        case patchedHallucinationRate = "patched_hallucination_rate"
        case adds, removes, notes
    }
}
