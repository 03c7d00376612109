/// Which tokens to drop before counting (scikit-learn's `stop_words`).
///
/// JSON: `null` (none), `"english"` (scikit-learn's list), or an array of words.
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
            guard name == "english" else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "the only named stop-word list is \"english\", got \(name)")
            }
            self = .english
        } else {
            self = .custom(try container.decode([String].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .none: try container.encodeNil()
        case .english: try container.encode("english")
        case .custom(let words): try container.encode(words)
        }
    }
}
