/// How group-relative advantages are scaled.
package enum AdvantageNormalization: String, Sendable, Hashable, Codable, CaseIterable {
    /// GRPO: `A_i = (r_i − mean(r)) / (std(r) + ε)`, with the population standard deviation (divide by G).
    case standardDeviation = "std"
    /// Dr. GRPO: `A_i = r_i − mean(r)`, no division, so groups with a small spread are not inflated.
    case meanOnly = "mean_only"
}
