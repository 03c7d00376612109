/// What a text can vouch for: the comparison forms of its words and its numbers, as sets.
struct SupportIndex: Sendable {
    /// Normalised word forms (``Token/normalized``).
    private(set) var words: Set<String> = []
    /// Numbers as written (``Token/text`` of number tokens).
    private(set) var numbers: Set<String> = []
    /// The units the text puts right after each number (``Tokenizer/unitDimensions`` forms): "2.1 kilograms"
    /// gives `["2.1": ["kilogram"]]`.
    private(set) var numberUnits: [String: Set<String>] = [:]
    /// Numbers the text states at least once without a unit after them ("Roxanne, 18,").
    private(set) var bareNumbers: Set<String> = []
    /// Units a currency sign names: "$120" supports "dollars".
    private(set) var signedUnits: Set<String> = []

    init() {}

    /// The support of `texts` (nil and empty texts add nothing).
    init(_ texts: String?...) {
        for text in texts { if let text { self.add(Tokenizer.tokens(of: text)) } }
    }

    /// Adds the given tokens. A number word adds its digits ("three" supports 3); a time or ratio also adds its
    /// parts ("9:00" supports "9", so "opens at 9" is grounded while "opens at 10:00" is not).
    mutating func add(_ tokens: [Token]) {
        for (index, token) in tokens.enumerated() {
            if token.isNumber || token.isNumberWord {
                for number in Self.numbers(of: token) { self.numbers.insert(number) }
                if token.isNumber {
                    if let unit = Self.unit(after: index, in: tokens) {
                        self.numberUnits[token.text, default: []].insert(unit)
                    } else {
                        self.bareNumbers.insert(token.text)
                    }
                }
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

    /// Adds `tokens`, the tokens of `text`, and the currency signs of `text` (``addCurrencySigns(of:)``).
    mutating func add(_ tokens: [Token], of text: String) {
        self.add(tokens)
        self.addCurrencySigns(of: text)
    }

    /// Notes the currency signs of `text` (the tokenizer drops them): "$120" states a price in dollars.
    /// "$" is the dollar, "€" the euro, "£" the pound and "¥" the yen.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`, one pass.
    private mutating func addCurrencySigns(of text: String) {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            let unit: String? =
                switch byte {
                case 0x24: "dollar"
                case 0xAC where previous == 0x82 && beforePrevious == 0xE2: "euro"
                case 0xA3 where previous == 0xC2: "pound"
                case 0xA5 where previous == 0xC2: "yen"
                default: nil
                }
            if let unit, !self.signedUnits.contains(unit) { self.signedUnits.insert(unit) }
            beforePrevious = previous
            previous = byte
        }
    }

    /// The unit right after the number at `index` (in the same sentence), if the next word is one, in one form
    /// for its singular and plural ("inches" is stemmed to "inche").
    static func unit(after index: Int, in tokens: [Token]) -> String? {
        guard index + 1 < tokens.count, !tokens[index + 1].startsSentence else { return nil }
        let word = tokens[index + 1].normalized
        let unit = Self.unitSpellings[word] ?? word
        return Tokenizer.unitDimensions[unit] != nil ? unit : nil
    }

    /// Stems and spellings of one unit that the comparison forms keep apart.
    private static let unitSpellings = ["inche": "inch", "feet": "foot", "ft": "foot"]

    /// Whether the number at `index` of a response comes with a unit the text never puts after that number while it
    /// does put another of the same kind there: "2.1 pounds" where the text says "2.1 kilograms", "3 years" where it
    /// says "3 months". A number the text also states without a unit ("Lane, 40," against "40-year-old";
    /// "Roxanne, 18, ... Joshua, 18 months" against "18 years") contradicts nothing.
    func contradictsUnit(at index: Int, in tokens: [Token]) -> Bool {
        guard let unit = Self.unit(after: index, in: tokens), let dimensions = Tokenizer.unitDimensions[unit],
            let stated = self.numberUnits[tokens[index].text], !stated.contains(unit),
            !self.bareNumbers.contains(tokens[index].text)
        else { return false }
        return stated.contains { (Tokenizer.unitDimensions[$0] ?? 0) & dimensions != 0 }
    }

    /// Whether the text states any number.
    var statesNumbers: Bool { !self.numbers.isEmpty }

    /// Whether `token` is supported: a number must appear as written (or as a number word); a word's normalised
    /// form must appear (or a currency sign for its unit), and a number word's digits may appear as a number.
    func supports(_ token: Token) -> Bool {
        if token.isNumber { return self.numbers.contains(token.text) }
        return self.words.contains(token.normalized) || (token.isNumberWord && self.numbers.contains(token.normalized))
            || self.signedUnits.contains(token.normalized)
    }
}
