/// What a text can vouch for: the comparison forms of its words and its numbers, as sets, and how often each word
/// occurs (to weigh a word by how rare it is in the support itself).
struct SupportIndex: Sendable {
    /// Normalised word forms (``Token/normalized``).
    private(set) var words: Set<String> = []
    /// Numbers as written (``Token/text`` of number tokens).
    private(set) var numbers: Set<String> = []
    /// How many times each normalised form occurs.
    private(set) var counts: [String: Int] = [:]
    /// How many tokens were added.
    private(set) var tokenCount = 0

    init() {}

    /// The support of `texts` (nil and empty texts add nothing).
    init(_ texts: String?...) {
        for text in texts { if let text { self.add(Tokenizer.tokens(of: text)) } }
    }

    /// Adds the given tokens.
    mutating func add(_ tokens: [Token]) {
        for token in tokens {
            if token.isNumber {
                self.numbers.insert(token.text)
            }
            self.words.insert(token.normalized)
            self.counts[token.normalized, default: 0] += 1
        }
        self.tokenCount += tokens.count
    }

    /// Whether the text states any number.
    var statesNumbers: Bool { !self.numbers.isEmpty }

    /// Whether `token` is supported: a number must appear as written; a word's normalised form must appear.
    func supports(_ token: Token) -> Bool {
        token.isNumber ? self.numbers.contains(token.text) : self.words.contains(token.normalized)
    }
}
