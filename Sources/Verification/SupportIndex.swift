/// What a text can vouch for: the comparison forms of its words and its numbers, as sets.
struct SupportIndex: Sendable {
    /// Normalised word forms (``Token/normalized``).
    private(set) var words: Set<String> = []
    /// Numbers as written (``Token/text`` of number tokens).
    private(set) var numbers: Set<String> = []

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
        }
    }

    /// Whether the text states any number.
    var statesNumbers: Bool { !self.numbers.isEmpty }

    /// Whether `token` is supported: a number must appear as written; a word's normalised form must appear.
    func supports(_ token: Token) -> Bool {
        token.isNumber ? self.numbers.contains(token.text) : self.words.contains(token.normalized)
    }
}
