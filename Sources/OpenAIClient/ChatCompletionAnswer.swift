import Foundation
import LanguageModels

/// The useful part of a 2xx chat-completions answer: the choices' texts in index order with why each ended, the
/// token usage and the model the server says answered.
struct ChatCompletionAnswer: Sendable, Hashable {
    var outputs: [String]
    /// Each choice's `finish_reason`, in the order of ``outputs``; `nil` where a choice has none.
    var finishReasons: [FinishReason?] = []
    var usage: TokenUsage
    /// The answer's `model` field, when it has one.
    var model: String? = nil

    /// Why an answer could not be read; the message is shown to users.
    struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        var description: String
    }

    private struct Body: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
            }
            var index: Int?
            var message: Message?
            var finishReason: String?

            enum CodingKeys: String, CodingKey {
                case index, message
                case finishReason = "finish_reason"
            }
        }
        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?

            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }
        }
        var choices: [Choice]?
        var usage: Usage?
        var model: String?
    }

    /// Reads a 2xx answer.
    ///
    /// Missing `usage` (some servers omit it) counts as zero tokens; a missing or empty `choices` array, a choice
    /// without `message.content`, an empty body or a body that is not (complete) JSON is ``Malformed``.
    static func parse(_ bytes: [UInt8]) throws(Malformed) -> ChatCompletionAnswer {
        guard !bytes.isEmpty else { throw Malformed(description: "the answer has an empty body") }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch {
            throw Malformed(description: "the answer is not valid JSON: body starts \(Self.excerpt(bytes))")
        }
        guard let choices = body.choices else {
            if let message = ServerErrorMessage.extract(from: bytes) {
                throw Malformed(description: "the answer has no choices; the server said: \(message)")
            }
            throw Malformed(description: "the answer has no choices: body starts \(Self.excerpt(bytes))")
        }
        guard !choices.isEmpty else { throw Malformed(description: "the answer has an empty choices array") }
        var texts: [(index: Int, text: String, reason: FinishReason?)] = []
        for (position, choice) in choices.enumerated() {
            guard let content = choice.message?.content else {
                throw Malformed(description: "choice \(choice.index ?? position) of the answer has no message.content")
            }
            texts.append((choice.index ?? position, content, choice.finishReason.map(FinishReason.init(rawValue:))))
        }
        let ordered = texts.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
        let usage = TokenUsage(
            promptTokens: max(body.usage?.promptTokens ?? 0, 0),
            completionTokens: max(body.usage?.completionTokens ?? 0, 0)
        )
        return ChatCompletionAnswer(
            outputs: ordered.map(\.element.text), finishReasons: ordered.map(\.element.reason), usage: usage,
            model: body.model)
    }

    /// The first 120 characters of `bytes` (lossy UTF-8), quoted, for error messages.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(120), as: UTF8.self)
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return "\"\(flat)\(bytes.count > 120 ? "…" : "")\""
    }
}
