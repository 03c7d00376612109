/// The verifier's judgement of one output: a reward in 0...1, its parts, and a hallucination flag.
///
/// JSON (snake_case): `{"id": "e1", "reward": 0.83, "parts": {"grounding": 0.9, "length": 1}, "hallucination":
/// false, "unsupported_claims": []}`; `id` is left out when the input had none.
package struct Verdict: Sendable, Hashable, Codable {
    /// The experience's id, if it had one.
    package var id: String?
    /// The weighted mean of the present parts.
    package var reward: Double
    /// The parts.
    package var parts: RewardParts
    /// Whether the output is flagged as a hallucination (risk at or above the configured threshold, or a conflicting
    /// number or fabricated sentence when the configuration's rules for them are on).
    package var hallucination: Bool
    /// The names and numbers in the output that nothing supports.
    package var unsupportedClaims: [String]

    /// Creates a verdict.
    package init(id: String?, reward: Double, parts: RewardParts, hallucination: Bool, unsupportedClaims: [String]) {
        self.id = id
        self.reward = reward
        self.parts = parts
        self.hallucination = hallucination
        self.unsupportedClaims = unsupportedClaims
    }

    enum CodingKeys: String, CodingKey {
        case id, reward, parts, hallucination
        case unsupportedClaims = "unsupported_claims"
    }
}
