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

    /// Adds the given tokens. A number word adds its digits ("three" supports 3); a time or ratio also adds its
    /// parts ("9:00" supports "9", so "opens at 9" is grounded while "opens at 10:00" is not).
    mutating func add(_ tokens: [Token]) {
        for token in tokens {
            if token.isNumber || token.isNumberWord {
                for number in Self.numbers(of: token) { self.numbers.insert(number) }
            } else if let month = Tokenizer.monthNumber(of: token.normalized) {
                self.numbers.insert(month)  // "November" supports an ISO date's month 11
            }
            self.words.insert(token.normalized)
        }
    }

    /// The numbers a token vouches for: its digits, and each part of a number with a colon.
    static func numbers(of token: Token) -> [String] {
        guard token.isNumber, token.text.contains(":") else { return [token.normalized] }
        return [token.text] + token.text.split(separator: ":").map(String.init)
    }

    /// Whether the text states any number.
    var statesNumbers: Bool { !self.numbers.isEmpty }

    /// Whether `token` is supported: a number must appear as written (or as a number word); a word's normalised
    /// form must appear, and a number word's digits may appear as a number.
    func supports(_ token: Token) -> Bool {
        if token.isNumber { return self.numbers.contains(token.text) }
        return self.words.contains(token.normalized) || (token.isNumberWord && self.numbers.contains(token.normalized))
    }
}
