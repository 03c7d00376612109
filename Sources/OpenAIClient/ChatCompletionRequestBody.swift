import LanguageModels

/// The JSON body of `POST /chat/completions`, as OpenAI-compatible servers expect it.
///
/// Messages: the system prompt (omitted when empty), then one user message. When the request has a non-empty
/// `context`, the user message is `"Context:\n<context>\n\nQuestion:\n<userTurn>"`, so the model sees plainly
/// which part is retrieved knowledge; otherwise it is the user turn alone. The request's `reference` (the gold
/// answer), `kind` and `format` are never sent.
struct ChatCompletionRequestBody: Encodable, Sendable {
    struct Message: Encodable, Sendable {
        var role: String
        var content: String
    }

    var model: String
    var messages: [Message]
    var n: Int
    var temperature: Double
    var maxTokens: Int?
    var seed: UInt64?

    enum CodingKeys: String, CodingKey {
        case model, messages, n, temperature
        case maxTokens = "max_tokens"
        case seed
    }

    /// The body asking `model` for `n` outputs of `request`, with `seed` in place of the request's own.
    init(model: String, request: GenerationRequest, n: Int, seed: UInt64?) {
        var messages: [Message] = []
        if !request.systemPrompt.isEmpty {
            messages.append(Message(role: "system", content: request.systemPrompt))
        }
        messages.append(Message(role: "user", content: Self.userMessage(for: request)))
        self.model = model
        self.messages = messages
        self.n = n
        self.temperature = request.temperature
        self.maxTokens = request.maxTokens
        self.seed = seed
    }

    /// The user message: the user turn, preceded by a delimited context block when there is context.
    static func userMessage(for request: GenerationRequest) -> String {
        guard let context = request.context, !context.isEmpty else { return request.userTurn }
        return "Context:\n\(context)\n\nQuestion:\n\(request.userTurn)"
    }

    /// The seed sent for a call: the request's seed plus `offset` (the outputs already collected, so repeat calls
    /// to a seed-honouring server give different samples), reduced to 31 bits so that every server accepts it
    /// (llama.cpp reads a 32-bit value and treats -1 as "random"; vLLM rejects values above `Int64.max`).
    static func wireSeed(_ seed: UInt64?, offset: Int) -> UInt64? {
        seed.map { ($0 &+ UInt64(max(offset, 0))) & 0x7FFF_FFFF }
    }
}
