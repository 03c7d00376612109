import Foundation

/// The JSON a model is asked to answer with in LLM mode: `{"patches": [{"strategy", "operation", "anchor"?,
/// "patch_text", "targets", "rationale"?}]}`. Decoding is lenient about extra keys and missing optional ones; the
/// patches are validated afterwards.
struct LLMPatchAnswer: Decodable {
    struct Patch: Decodable {
        var strategy: String?
        var operation: String?
        var anchor: String?
        var patchText: String?
        var targets: [String]?
        var rationale: String?

        enum CodingKeys: String, CodingKey {
            case strategy, operation, anchor
            case patchText = "patch_text"
            case targets, rationale
        }
    }

    var patches: [Patch]

    /// Parses a model's answer: the outermost JSON object in the text (code fences and prose around it are
    /// ignored).
    ///
    /// - Throws: a readable reason when there is no object or it lacks a `patches` array.
    static func parse(_ text: String) throws -> LLMPatchAnswer {
        guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end else {
            throw ParseError(reason: "the answer contains no JSON object")
        }
        let json = Data(text[start...end].utf8)
        do {
            return try JSONDecoder().decode(LLMPatchAnswer.self, from: json)
        } catch is DecodingError {
            throw ParseError(reason: "the answer is not a JSON object with a 'patches' array")
        }
    }

    struct ParseError: Error {
        var reason: String
    }
}
