import Experiences

/// One call to a ``LanguageModel``: a system prompt, a user turn, the knowledge the model may use, and sampling
/// settings.
///
/// Real backends send `systemPrompt` as the system message and `userTurn` (with `context`, when present, placed
/// before it) as the user message. `reference`, `kind` and `format` describe the experience the call stands for;
/// real backends ignore them, while the ``Simulator`` needs them to answer the way a model following the prompt
/// would (see `Docs/simulator.md`).
package struct GenerationRequest: Sendable, Hashable, Codable {
    /// The system prompt, i.e. the prompt version's text (possibly patched).
    package var systemPrompt: String
    /// The user's turn (the experience's `input`).
    package var userTurn: String
    /// Retrieved knowledge given to the model, if any (the experience's `context`).
    package var context: String?
    /// A gold answer, if one is known; only the simulator reads it (its grounded answer is the reference).
    package var reference: String?
    /// The experience's kind (its `metadata.kind`, e.g. `unanswerable`); only the simulator reads it.
    package var kind: String?
    /// The output format the experience requires (its `metadata.format`: `json`, `bullets` or `regex:...`);
    /// only the simulator reads it.
    package var format: String?
    /// How many outputs to sample; at least 1. Default 1.
    package var n: Int
    /// Sampling temperature, at least 0. Default 1.
    package var temperature: Double
    /// A cap on the tokens of each output, if any. Default `nil` (the backend's own limit).
    package var maxTokens: Int?
    /// A sampling seed for backends that take one; the simulator uses its configured seed when `nil`. Default `nil`.
    package var seed: UInt64?

    /// Creates a request; every sampling setting has a default.
    package init(
        systemPrompt: String,
        userTurn: String,
        context: String? = nil,
        reference: String? = nil,
        kind: String? = nil,
        format: String? = nil,
        n: Int = 1,
        temperature: Double = 1,
        maxTokens: Int? = nil,
        seed: UInt64? = nil
    ) {
        self.systemPrompt = systemPrompt
        self.userTurn = userTurn
        self.context = context
        self.reference = reference
        self.kind = kind
        self.format = format
        self.n = n
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
    }

    /// A request that replays `experience` under `systemPrompt`: its input, context and reference, and its
    /// `metadata.kind` and `metadata.format` when they are strings.
    ///
    /// This is how the trainer asks "what would the model say to this logged interaction under that prompt?".
    package init(
        systemPrompt: String,
        experience: Experience,
        n: Int = 1,
        temperature: Double = 1,
        maxTokens: Int? = nil,
        seed: UInt64? = nil
    ) {
        self.init(
            systemPrompt: systemPrompt,
            userTurn: experience.input,
            context: experience.context,
            reference: experience.reference,
            kind: experience.metadata["kind"]?.stringValue,
            format: experience.metadata["format"]?.stringValue,
            n: n,
            temperature: temperature,
            maxTokens: maxTokens,
            seed: seed
        )
    }

    enum CodingKeys: String, CodingKey {
        case systemPrompt = "system_prompt"
        case userTurn = "user_turn"
        case context, reference, kind, format, n, temperature
        case maxTokens = "max_tokens"
        case seed
    }
}
