/// A template strategy that did not apply to this prompt and cluster, and why (e.g. the prompt already has a
/// grounding instruction, so a grounding rule would duplicate it).
///
/// JSON: `{"strategy", "reason"}`.
package struct SkippedStrategy: Sendable, Hashable, Codable {
    /// The strategy's name.
    package var strategy: String
    /// Why it was skipped.
    package var reason: String

    /// Creates a skipped-strategy note.
    package init(strategy: String, reason: String) {
        self.strategy = strategy
        self.reason = reason
    }
}
