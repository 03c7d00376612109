/// The named parts of a reward, each in 0...1; a part that does not apply is `nil` and left out of the JSON.
package struct RewardParts: Sendable, Hashable, Codable {
    /// Grounding in the context, input (and reference): `1 − risk`, the grounding model's hallucination risk.
    package var grounding: Double
    /// Token F1 with the reference, when there is one.
    package var reference: Double?
    /// Length safety against the budget.
    package var length: Double
    /// The format rule's score, when the experience names one.
    package var format: Double?
    /// The judge model's score, when a judge was given and answered with a number.
    package var judge: Double?
    /// Whether the response addresses the request (see `Docs/verifier.md`): 0 for a response that leaves the request
    /// `unanswered` or declines an answerable one (`refusal`), else 1. Binary on purpose: a graded lexical score
    /// (0.5 for an answer that takes no word from the context) added noise that cost the trainer's learning tests
    /// seeds, and the failure modes already say what it would grade.
    package var relevance: Double?

    /// Creates parts.
    package init(
        grounding: Double,
        reference: Double? = nil,
        length: Double,
        format: Double? = nil,
        judge: Double? = nil,
        relevance: Double? = nil
    ) {
        self.grounding = grounding
        self.reference = reference
        self.length = length
        self.format = format
        self.judge = judge
        self.relevance = relevance
    }

    /// The weighted mean of the present parts, `Σ w_p s_p / Σ w_p` over the parts that are not `nil`: the quality
    /// `q` that places a reward within its outcome's band (see ``RewardBands``).
    ///
    /// A validated configuration guarantees `Σ w_p > 0`, since grounding and length are always present.
    package func reward(weights: RewardWeights) -> Double {
        var total = weights.grounding * self.grounding + weights.length * self.length
        var weight = weights.grounding + weights.length
        for (score, partWeight) in [
            (self.reference, weights.reference), (self.format, weights.format), (self.judge, weights.judge),
            (self.relevance, weights.relevance),
        ] {
            if let score {
                total += partWeight * score
                weight += partWeight
            }
        }
        return weight > 0 ? min(1, max(0, total / weight)) : 0
    }
}
