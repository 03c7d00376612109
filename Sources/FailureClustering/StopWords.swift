/// Which tokens to drop before counting (scikit-learn's `stop_words`).
///
/// JSON: `"none"` (keep every token; `null` and `[]` say the same), `"english"` (scikit-learn's list), or an array of
/// words. Encoded as `"none"`, `"english"` or the array.
package enum StopWords: Sendable, Hashable, Codable {
    /// Keep every token (scikit-learn's default, `None`).
    case none
    /// scikit-learn's English list (`"english"`), see `EnglishStopWords`.
    case english
    /// These words, compared with the tokens after lowercasing.
    case custom([String])

    /// The words to drop.
    package var words: [String] {
        switch self {
        case .none: []
        case .english: EnglishStopWords.words.sorted()
        case .custom(let words): words
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .none
        } else if let name = try? container.decode(String.self) {
            switch name {
            case "none": self = .none
            case "english": self = .english
            default:
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "stop_words must be \"none\", \"english\" or a list of words, got \"\(name)\"")
            }
        } else {
            let words = try container.decode([String].self)
            self = words.isEmpty ? .none : .custom(words)
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .none: try container.encode("none")
        case .english: try container.encode("english")
        case .custom(let words): try container.encode(words)
        }
    }
}
