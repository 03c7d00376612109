/// A candidate's score on each ranking criterion, each in 0...1 (see `Docs/patches.md` for the formulas).
///
/// JSON: `{"hallucination_reduction", "clarity", "length_safety", "cluster_severity"}`.
package struct CriterionScores: Sendable, Hashable, Codable {
    /// How much of the cluster's failure the patch should remove: coverage of its inferred categories by what the
    /// patch adds (or removes), blended with a measured check when one ran.
    package var hallucinationReduction: Double
    /// Readability (short sentences, imperative phrasing, no hedging), less penalties for duplicating or
    /// contradicting the base prompt.
    package var clarity: Double
    /// How little the patch grows the prompt against the token budget.
    package var lengthSafety: Double
    /// The cluster's severity, scaled by the share of the cluster's categories the patch addresses.
    package var clusterSeverity: Double

    /// Creates scores.
    package init(hallucinationReduction: Double, clarity: Double, lengthSafety: Double, clusterSeverity: Double) {
        self.hallucinationReduction = hallucinationReduction
        self.clarity = clarity
        self.lengthSafety = lengthSafety
        self.clusterSeverity = clusterSeverity
    }

    enum CodingKeys: String, CodingKey {
        case hallucinationReduction = "hallucination_reduction"
        case clarity
        case lengthSafety = "length_safety"
        case clusterSeverity = "cluster_severity"
    }
}
