import LanguageModels

/// A patch that was drafted but not offered, and why (the injection guard, a bad LLM answer, a duplicate).
///
/// JSON: `{"strategy", "patch_text"?, "reason", "attempt"?}`. Rejected LLM patch texts are reported clipped to 200
/// characters; they never reach a prompt.
package struct RejectedPatch: Sendable, Hashable, Codable {
    /// The strategy the patch would have had.
    package var strategy: String
    /// The patch text (clipped), when there was one.
    package var patchText: String?
    /// Why it was rejected.
    package var reason: String
    /// The LLM attempt it came from (1-based), for LLM mode.
    package var attempt: Int?

    /// Creates a rejection.
    package init(strategy: String, patchText: String? = nil, reason: String, attempt: Int? = nil) {
        self.strategy = strategy
        self.patchText = patchText.map { TextNormalization.clipped($0, to: 200) }
        self.reason = reason
        self.attempt = attempt
    }

    enum CodingKeys: String, CodingKey {
        case strategy
        case patchText = "patch_text"
        case reason, attempt
    }
}
