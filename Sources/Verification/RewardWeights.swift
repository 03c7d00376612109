/// The weight of each reward part; the reward is the weighted mean of the parts present (see `Docs/verifier.md`).
package struct RewardWeights: Sendable, Hashable, Codable {
    /// Grounding in the context and input (always present). Default 0.5.
    package var grounding: Double
    /// Agreement with the reference (present when the experience has one). Default 0.3.
    package var reference: Double
    /// Length safety (always present). Default 0.1.
    package var length: Double
    /// Format rules (present when the experience's `metadata.format` names one). Default 0.1.
    package var format: Double
    /// The LLM judge (present only when a judge model is given and answers with a score). Default 0.2.
    package var judge: Double
    /// Answer relevance (always present in a verifier's verdict). Default 0: relevance already decides the reward
    /// through its band (a response that leaves the request unanswered or declines it cannot score above the
    /// non-answer band), and a weight of 0.1-0.2 here shrank the spread of the other parts among answers enough to
    /// cost the trainer's learning tests 2-4 seeds in 10 (measured; see `Docs/verifier.md`).
    package var relevance: Double

    /// Creates weights; every field has a default.
    package init(
        grounding: Double = 0.5,
        reference: Double = 0.3,
        length: Double = 0.1,
        format: Double = 0.1,
        judge: Double = 0.2,
        relevance: Double = 0
    ) {
        self.grounding = grounding
        self.reference = reference
        self.length = length
        self.format = format
        self.judge = judge
        self.relevance = relevance
    }
}
