/// One ``InstructionFamily``'s phrases and keyword sets, prepared once for the searches detection makes per
/// sentence: whether a keyword may also match the words it prefixes (four or more letters) is decided here, not on
/// every comparison.
struct InstructionDetection: Sendable {
    struct Keyword: Sendable {
        var word: String
        /// The keyword has four or more letters, so it also matches words it prefixes (`fabricat`, `fabricated`).
        var matchesPrefixes: Bool
    }

    let family: InstructionFamily
    let phrases: [String]
    let keywordSets: [[Keyword]]

    init(_ family: InstructionFamily) {
        self.family = family
        self.phrases = family.phrases
        self.keywordSets = family.keywordSets.map { keywords in
            keywords.map { Keyword(word: $0, matchesPrefixes: $0.count >= 4) }
        }
    }

    /// Whether normalised text contains one of the phrases.
    func isExplicit(inNormalized text: String) -> Bool {
        self.phrases.contains { TextNormalization.containsPhrase(text, $0) }
    }

    /// Whether `words` (one sentence's) contain every keyword of some set.
    func hasKeywordSet(in words: [String]) -> Bool {
        self.keywordSets.contains { keywords in
            keywords.allSatisfy { keyword in
                words.contains { $0 == keyword.word || (keyword.matchesPrefixes && $0.hasPrefix(keyword.word)) }
            }
        }
    }
}
