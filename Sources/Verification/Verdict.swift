/// The verifier's judgement of one output: a reward in 0...1, its parts, the failure modes and a hallucination flag.
///
/// JSON (snake_case): `{"id": "e1", "reward": 0.83, "success": true, "failure_modes": [], "response_kind": "answer",
/// "parts": {"grounding": 0.9, "length": 1, "relevance": 1}, "hallucination": false, "unsupported_claims": []}`;
/// `id` is left out when the input had none.
package struct Verdict: Sendable, Hashable, Codable {
    /// The experience's id, if it had one.
    package var id: String?
    /// The parts' weighted mean placed in the outcome's band (see ``RewardBands``).
    package var reward: Double
    /// Whether the output has no failure mode.
    package var success: Bool
    /// What went wrong, worst first; empty for a success.
    package var failureModes: [ResponseFailure]
    /// Whether the output answers, abstains or refuses.
    package var responseKind: ResponseKind
    /// The parts.
    package var parts: RewardParts
    /// Whether the output is flagged as a hallucination (risk at or above the configured threshold, or a conflicting
    /// number, a fabricated sentence or a wrong answer to a comparison the context decides when the configuration's
    /// rules for them are on). Never set on an abstention or a refusal, which make no claim.
    package var hallucination: Bool
    /// The names and numbers in the output that nothing supports, then its wrong answer to a comparison, if any.
    package var unsupportedClaims: [String]

    /// Whether the output fails by not answering: a refusal of an answerable request, or `unanswered`.
    package var isNonAnswerFailure: Bool {
        self.failureModes.contains(.refusal) || self.failureModes.contains(.unanswered)
    }

    /// Creates a verdict; `success` is `failureModes.isEmpty`.
    package init(
        id: String?, reward: Double, failureModes: [ResponseFailure] = [], responseKind: ResponseKind = .answer,
        parts: RewardParts, hallucination: Bool, unsupportedClaims: [String]
    ) {
        self.id = id
        self.reward = reward
        self.success = failureModes.isEmpty
        self.failureModes = failureModes.sorted()
        self.responseKind = responseKind
        self.parts = parts
        self.hallucination = hallucination
        self.unsupportedClaims = unsupportedClaims
    }

    /// Whether the verdict lists `failure`.
    package func has(_ failure: ResponseFailure) -> Bool { self.failureModes.contains(failure) }

    enum CodingKeys: String, CodingKey {
        case id, reward, success
        case failureModes = "failure_modes"
        case responseKind = "response_kind"
        case parts, hallucination
        case unsupportedClaims = "unsupported_claims"
    }
}
