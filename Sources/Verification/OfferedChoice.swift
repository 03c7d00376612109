/// A question that names two alternatives and asks which came first or last ("Which band formed first, Oasis or
/// Blur?"), which measures more or less ("Which lake is deeper, Lake Baikal or Lake Tanganyika?") or which has more
/// or fewer of something counted ("Who won more Grand Slam singles titles, ...?"), with the year, measure or count
/// the context gives each: the kind of wrong pick between named alternatives that the context decides by itself.
///
/// Word support cannot catch such a pick: the wrong alternative is named in the question and usually in the context
/// too, so "Oasis" is as grounded as "Blur". The years or measures decide it. Only questions about when something
/// began are read by years (formed, founded, born, released, ...: the first year the context states after a name is
/// when it began), never one about an end ("died", "closed", "disbanded"), whose year is not the first one stated;
/// measures are read only as a number with the same unit for both ("1,642 metres" against "1,470 metres"), counts
/// only as a number the counted noun follows.
struct OfferedChoice: Sendable, Hashable {
    /// The comparison forms only each alternative has, in the question's order (each non-empty).
    let options: [Set<String>]
    /// The alternatives as the question writes them, lowercased.
    let labels: [String]
    /// The index in ``options`` of the alternative the context's values make the answer.
    let answer: Int
    /// The cue words of the direction the question asks for (``earlierCues``, ``largerCues``, ...): a response that
    /// says "Blur formed earlier" to "Which band formed first?" restates the question in its own word.
    let askedCues: Set<String>
    /// The cue words of the other direction ("Oasis formed after Blur" picks Blur as the first).
    let oppositeCues: Set<String>

    /// Words asking for the earlier of the two.
    static let earlierCues: Set<String> = ["first", "earlier", "earliest", "older", "oldest", "sooner", "before"]
    /// Words asking for the later of the two.
    static let laterCues: Set<String> = [
        "later", "latest", "last", "newer", "newest", "younger", "youngest", "recent", "recently", "after",
    ]
    /// Words asking for the one that measures more.
    static let largerCues: Set<String> = [
        "taller", "tallest", "higher", "highest", "longer", "longest", "deeper", "deepest", "larger", "largest",
        "bigger", "biggest", "heavier", "heaviest", "wider", "widest", "greater", "greatest", "pricier", "priciest",
        "costlier", "costliest",
    ]
    /// Words asking for the one that measures less.
    static let smallerCues: Set<String> = [
        "shorter", "shortest", "lower", "lowest", "smaller", "smallest", "lighter", "lightest", "narrower",
        "narrowest", "shallower", "shallowest", "cheaper", "cheapest",
    ]
    /// The kinds of unit (``Tokenizer/unitDimensions`` bits) each measure cue compares: "heavier" weights, "taller"
    /// lengths, "cheaper" prices; "larger" or "smaller" any kind.
    static let cueDimensions: [String: UInt8] = {
        let mass: UInt8 = 1
        let length: UInt8 = 2
        let money: UInt8 = 8
        let duration: UInt8 = 16
        var dimensions: [String: UInt8] = [:]
        for cue in ["heavier", "heaviest", "lighter", "lightest"] { dimensions[cue] = mass }
        for cue in [
            "taller", "tallest", "higher", "highest", "deeper", "deepest", "wider", "widest", "lower", "lowest",
            "narrower", "narrowest", "shallower", "shallowest",
        ] {
            dimensions[cue] = length
        }
        for cue in ["longer", "longest", "shorter", "shortest"] { dimensions[cue] = length | duration }
        for cue in ["pricier", "priciest", "costlier", "costliest", "cheaper", "cheapest"] { dimensions[cue] = money }
        return dimensions
    }()
    /// Words asking for the one with more of something counted.
    static let moreCues: Set<String> = ["more", "most"]
    /// Words asking for the one with fewer.
    static let fewerCues: Set<String> = ["fewer", "fewest", "less", "least"]
    /// Words that make the question about an end, whose year is not the first one a context states.
    static let endWords: Set<String> = [
        "die", "died", "dies", "death", "dead", "closed", "close", "ended", "end", "dissolved", "disbanded",
        "retired", "demolished", "abolished", "split", "broke", "cancelled", "canceled",
    ]

    /// What the context is read for.
    enum Measure: Equatable {
        /// A year: when each began.
        case year
        /// A number with a unit after it (``SupportIndex/unit(after:in:)``) or a currency sign before it, of a kind
        /// the cue compares (`dimensions`, ``Tokenizer/unitDimensions`` bits), the same unit for both.
        case quantity(dimensions: UInt8)
        /// A number that `noun` (a comparison form) follows within 4 words: "won 20 Grand Slam singles titles" for
        /// "Who won more Grand Slam singles titles?".
        case count(noun: String)
    }

    /// The choice `input` offers (its last question: a cue word, then "A or B"), decided by the years or measures
    /// `context` gives each alternative, or `nil` when the question is not of that kind or the context does not
    /// decide it (an alternative it does not date or measure, equal values, different units, or an era before the
    /// common one).
    ///
    /// - Complexity: O(input + context tokens).
    init?(input: [Token], context: [Token]) {
        guard let or = input.lastIndex(where: { $0.text == "or" }), or > 0,
            let end = input[or...].firstIndex(where: \.closesQuestion), end > or
        else { return nil }
        let start = Tokenizer.sentenceStart(of: or, in: input)
        // "Or" opening the question offers no first alternative.
        guard or > start else { return nil }
        let question = input[start...end]
        // Pairs of opposite directions: index ^ 1 is the other one.
        let directions = [
            Self.earlierCues, Self.laterCues, Self.largerCues, Self.smallerCues, Self.moreCues, Self.fewerCues,
        ]
        let asked = directions.indices.filter { cues in question.contains { directions[cues].contains($0.text) } }
        guard asked.count == 1 else { return nil }
        func isCue(_ token: Token) -> Bool { directions.contains { $0.contains(token.text) } }
        // The first alternative runs back from "or" to a comma or a cue word; the second to the question mark.
        var first = or - 1
        while first > start, input[first].joinedToPrevious, !isCue(input[first - 1]) { first -= 1 }
        let measure: Measure
        switch asked[0] {
        case 0, 1:
            guard !question.contains(where: { Self.endWords.contains($0.text) }) else { return nil }
            measure = .year
        case 2, 3:
            let dimensions = question.reduce(UInt8(0)) { $0 | (Self.cueDimensions[$1.text] ?? 0) }
            measure = .quantity(dimensions: dimensions == 0 ? .max : dimensions)
        default:
            // What is counted: the last content word between the cue and the first alternative.
            guard let cue = input[start..<first].firstIndex(where: { directions[asked[0]].contains($0.text) }),
                let noun = input[(cue + 1)..<first].last(where: { $0.isContentWord && !$0.isNumber })
            else { return nil }
            measure = .count(noun: noun.normalized)
        }
        let spans = [input[first..<or], input[(or + 1)...end]]
        let words = spans.map(Tokenizer.contentForms(of:))
        let options = [words[0].subtracting(words[1]), words[1].subtracting(words[0])]
        guard options.allSatisfy({ !$0.isEmpty }) else { return nil }
        let sentences = Tokenizer.sentenceRanges(of: context)
        guard
            let firstValue = Self.value(
                of: options[0], other: options[1], in: context, sentences: sentences, measure: measure),
            let secondValue = Self.value(
                of: options[1], other: options[0], in: context, sentences: sentences, measure: measure),
            firstValue.unit == secondValue.unit, firstValue.number != secondValue.number
        else { return nil }
        self.options = options
        self.labels = spans.map { $0.map(\.text).joined(separator: " ") }
        let wantsSmaller = asked[0] == 0 || asked[0] == 3 || asked[0] == 5
        self.answer = (firstValue.number < secondValue.number) == wantsSmaller ? 0 : 1
        self.askedCues = directions[asked[0]]
        self.oppositeCues = directions[asked[0] ^ 1]
    }

    /// The value the first context sentence (of `sentences`, ``Tokenizer/sentenceRanges(of:)``) stating all of
    /// `words` gives them: the first year (a four-digit
    /// number from 1000 to 2199), number with a unit or count of the noun after them, else before them, else the first of the next
    /// sentence when that sentence does not name `other` ("First for Women is a magazine ... The magazine was
    /// started in 1989."); `nil` when nothing gives one or the sentence counts years before the common era.
    static func value(
        of words: Set<String>, other: Set<String>, in context: [Token], sentences: [Range<Int>], measure: Measure
    ) -> (number: Double, unit: String?)? {
        func reading(_ index: Int) -> (number: Double, unit: String?)? {
            let token = context[index]
            guard token.isNumber, let number = Double(token.text) else { return nil }
            switch measure {
            case .year: return Self.isYear(token) ? (number, nil) : nil
            case .quantity(let dimensions):
                guard let unit = SupportIndex.unit(after: index, in: context) ?? token.signedUnit,
                    (Tokenizer.unitDimensions[unit] ?? 0) & dimensions != 0
                else { return nil }
                return (number, unit)
            case .count(let noun):
                guard !Self.isYear(token) else { return nil }
                let following = context[(index + 1)..<min(index + 5, context.count)]
                let sentenceEnd = following.firstIndex(where: \.startsSentence) ?? following.endIndex
                return following[..<sentenceEnd].contains { $0.normalized == noun } ? (number, noun) : nil
            }
        }
        for (number, sentence) in sentences.enumerated() {
            guard let named = Self.position(naming: words, in: context[sentence]) else { continue }
            if measure == .year, sentence.contains(where: { context[$0].text == "bc" || context[$0].text == "bce" }) {
                return nil
            }
            let values = sentence.filter { reading($0) != nil }
            if let value = values.first(where: { $0 > named }) ?? values.last { return reading(value) }
            guard number + 1 < sentences.count else { return nil }
            let next = sentences[number + 1]
            if other.isSubset(of: next.lazy.map { context[$0].normalized }) { return nil }
            return next.lazy.compactMap(reading).first
        }
        return nil
    }

    static func isYear(_ token: Token) -> Bool {
        guard token.isNumber, token.text.utf8.count == 4, let value = Int(token.text) else { return false }
        return (1000...2199).contains(value)
    }

    /// Whether `token` is a cue word of the direction the question asks for, which the response may use as the
    /// question's own.
    func restates(_ token: Token) -> Bool {
        !token.isNumber && self.askedCues.contains(token.text)
    }

    /// The alternative a response picks against the context's values, as the question writes it, or `nil` when it
    /// picks the right one or its pick is not clear. Naming one alternative picks it. Naming both picks by the cue
    /// word between the first named and the other: one of the asked direction picks the first ("Oasis formed earlier,
    /// in 1988, before Blur"), one of the other direction the second ("Oasis formed after Blur"); no cue, or a
    /// negation between them ("Oasis did not form first"), picks nothing.
    func wrongPick(in tokens: [Token]) -> String? {
        let named = self.options.map { Self.position(naming: $0, in: tokens[...]) }
        let pick: Int
        switch (named[0], named[1]) {
        case (.some, nil): pick = 0
        case (nil, .some): pick = 1
        case (.some(let first), .some(let second)):
            let (earlier, later) = first < second ? (0, 1) : (1, 0)
            let between = tokens[(min(first, second) + 1)..<max(first, second)]
            guard !between.contains(where: { $0.text == "not" || $0.text == "never" || $0.text.hasSuffix("n't") })
            else { return nil }
            if between.contains(where: { self.askedCues.contains($0.text) }) {
                pick = earlier
            } else if between.contains(where: { self.oppositeCues.contains($0.text) }) {
                pick = later
            } else {
                return nil
            }
        case (nil, nil): return nil
        }
        return pick == self.answer ? nil : self.labels[pick]
    }

    /// The index of the token that completes the first naming of `words` (all of them seen), or `nil`.
    static func position(naming words: Set<String>, in tokens: ArraySlice<Token>) -> Int? {
        var seen: Set<String> = []
        return tokens.indices.first { index in
            if words.contains(tokens[index].normalized) { seen.insert(tokens[index].normalized) }
            return seen.count == words.count
        }
    }
}
