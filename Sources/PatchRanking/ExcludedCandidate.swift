/// A candidate the ranker ruled out, and why: it is never ranked or selected.
///
/// JSON: `{"patch_id", "strategy", "reasons": [...], "growth_tokens"?}`.
package struct ExcludedCandidate: Sendable, Hashable, Codable {
    /// The candidate's id.
    package var patchID: String
    /// Its strategy.
    package var strategy: String
    /// Why it was excluded (over the growth cap, copies logged text, anchor missing, ...).
    package var reasons: [String]
    /// Estimated tokens it adds to the prompt, when it could be applied.
    package var growthTokens: Int?

    /// Creates an exclusion.
    package init(patchID: String, strategy: String, reasons: [String], growthTokens: Int? = nil) {
        self.patchID = patchID
        self.strategy = strategy
        self.reasons = reasons
        self.growthTokens = growthTokens
    }

    enum CodingKeys: String, CodingKey {
        case patchID = "patch_id"
        case strategy, reasons
        case growthTokens = "growth_tokens"
    }
}
