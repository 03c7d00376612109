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
    /// Units a currency sign before a number names (``Token/signedUnit``): "$120" supports "dollars".
    private(set) var signedUnits: Set<String> = []
    /// The words the text counts: the comparison form of the word right after each of its numbers and number words
    /// ("won four gold medals" counts "gold"). Units are left to ``conflictingUnit(at:in:)``: years and months count
    /// too many different things ("the 88-year-old Queen", "a two-year-old horse").
    private(set) var countedWords: Set<String> = []

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
                    // "1,200,000" vouches for the "million" of "1.2 million".
                    if let magnitude = Tokenizer.magnitudeWord(for: token.text) { self.words.insert(magnitude) }
                    if let unit = Self.unit(after: index, in: tokens) ?? token.signedUnit {
                        self.numberUnits[token.text, default: []].insert(unit)
                    } else {
                        self.bareNumbers.insert(token.text)
                    }
                }
                if let sign = token.signedUnit { self.signedUnits.insert(sign) }
                if let counted = Self.counted(after: index, in: tokens) { self.countedWords.insert(counted.normalized) }
            } else if let month = Tokenizer.monthNumber(of: token.normalized) {
                self.numbers.insert(month)  // "November" supports an ISO date's month 11
            }
            self.words.insert(token.normalized)
        }
    }

    /// The numbers a token vouches for: its digits, and each part of a number with a colon; a time written with "am"
    /// or "pm", its 24-hour form and what the number as written vouches for (``Token/writtenTime``); a number with a
    /// magnitude word, its value and the number as written (``Token/writtenNumber``).
    static func numbers(of token: Token) -> [String] {
        if token.isNumber, let written = token.writtenNumber { return [token.text, written] }
        if token.isNumber, let written = token.writtenTime {
            return [token.text, written] + (written.contains(":") ? written.split(separator: ":").map(String.init) : [])
        }
        guard token.isNumber, token.text.contains(":") else { return [token.normalized] }
        return [token.text] + token.text.split(separator: ":").map(String.init)
    }

    /// The unit right after the number at `index` (in the same sentence), if the next word is one, in one form
    /// for its singular and plural ("inches" is stemmed to "inche").
    static func unit(after index: Int, in tokens: [Token]) -> String? {
        // "2.5 billion dollars": the unit follows the magnitude word.
        let next = index + (tokens[index].writtenNumber != nil ? 2 : 1)
        guard next < tokens.count, !tokens[next].startsSentence else { return nil }
        let word = tokens[next].normalized
        let unit = Self.unitSpellings[word] ?? word
        return Tokenizer.unitDimensions[unit] != nil ? unit : nil
    }

    /// Stems and spellings of one unit that the comparison forms keep apart.
    private static let unitSpellings = ["inche": "inch", "feet": "foot", "ft": "foot"]

    /// The number at `index` of a response with its unit, as written ("3 years", "€120"), when that unit is one the
    /// text never gives that number while it does give it another of the same kind: "2.1 pounds" where the text says
    /// "2.1 kilograms", "3 years" where it says "3 months", "€120" where it says "$120". A unit is the word right
    /// after the number, or else the currency sign right before it. A number the text also states without a unit
    /// ("Lane, 40," against "40-year-old"; "Roxanne, 18, ... Joshua, 18 months" against "18 years") contradicts
    /// nothing.
    func conflictingUnit(at index: Int, in tokens: [Token]) -> String? {
        let token = tokens[index]
        let unit: String
        let written: String
        if let word = Self.unit(after: index, in: tokens) {
            (unit, written) = (word, "\(token.text) \(tokens[index + 1].text)")
        } else if let sign = token.signedUnit, let symbol = Tokenizer.currencySigns.first(where: { $0.value == sign }) {
            (unit, written) = (sign, "\(symbol.key)\(token.text)")
        } else {
            return nil
        }
        guard let dimensions = Tokenizer.unitDimensions[unit], let stated = self.numberUnits[token.text],
            !stated.contains(unit), !self.bareNumbers.contains(token.text),
            stated.contains(where: { (Tokenizer.unitDimensions[$0] ?? 0) & dimensions != 0 })
        else { return nil }
        return written
    }

    /// Whether the number word at `index` of a response counts what the text counts with another number: "three gold
    /// medals" where the text says "four gold medals". A number word alone is no claim ("the two tents" counts
    /// nothing the text must state); one that counts the text's own things is a wrong number.
    func contradictsCount(at index: Int, in tokens: [Token]) -> Bool {
        guard tokens[index].isNumberWord, !self.supports(tokens[index]),
            let counted = Self.counted(after: index, in: tokens), counted.isContentWord
        else { return false }
        return self.countedWords.contains(counted.normalized)
    }

    /// The word the number at `index` counts: the next one in its sentence, unless it is a unit.
    private static func counted(after index: Int, in tokens: [Token]) -> Token? {
        guard index + 1 < tokens.count, !tokens[index + 1].startsSentence, Self.unit(after: index, in: tokens) == nil
        else { return nil }
        return tokens[index + 1]
    }

    /// Whether the text states any number.
    var statesNumbers: Bool { !self.numbers.isEmpty }

    /// Whether `token` is supported: a number must appear as written (or as a number word); a word's normalised
    /// form must appear (or a currency sign for its unit), and a number word's digits may appear as a number.
    func supports(_ token: Token) -> Bool {
        // A whole hour written with "am" or "pm" is also vouched for by that hour ("at 10" for "at 10am").
        if token.isNumber {
            return self.numbers.contains(token.text)
                || token.writtenTime.map { !$0.contains(":") && self.numbers.contains($0) } == true
        }
        return self.words.contains(token.normalized) || (token.isNumberWord && self.numbers.contains(token.normalized))
            || self.signedUnits.contains(token.normalized)
    }
}
