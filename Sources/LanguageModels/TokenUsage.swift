/// Tokens a call consumed, as the backend counted them (the simulator estimates them, see ``TokenEstimate``).
package struct TokenUsage: Sendable, Hashable, Codable {
    /// Tokens in the prompt (system prompt, context and user turn).
    package var promptTokens: Int
    /// Tokens in all the outputs together.
    package var completionTokens: Int

    /// Both together.
    package var totalTokens: Int { self.promptTokens + self.completionTokens }

    /// Creates a usage record; both counts default to zero.
    package init(promptTokens: Int = 0, completionTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// The sum of two usages, to total the tokens of a training run.
    package static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            promptTokens: lhs.promptTokens + rhs.promptTokens,
            completionTokens: lhs.completionTokens + rhs.completionTokens)
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.promptTokens = try container.decode(Int.self, forKey: .promptTokens)
        self.completionTokens = try container.decode(Int.self, forKey: .completionTokens)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.promptTokens, forKey: .promptTokens)
        try container.encode(self.completionTokens, forKey: .completionTokens)
        try container.encode(self.totalTokens, forKey: .totalTokens)
    }
}
