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
    /// Whether the question asks yes or no about the first alternative ("Is A higher than B?"): a response opening
    /// with "Yes" picks it, one opening with "No" the other.
    let asksYesNo: Bool

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

    /// Pairs of opposite directions: index ^ 1 is the other one.
    static let directions = [earlierCues, laterCues, largerCues, smallerCues, moreCues, fewerCues]

    /// How a question names its two alternatives.
    struct Form {
        /// The question sentence, from its first word to the word before the question mark.
        var question: ArraySlice<Token>
        /// The two alternatives as written.
        var spans: [ArraySlice<Token>]
        /// The index in ``OfferedChoice/directions`` of the cue the question asks by, if any.
        var direction: Int?
        /// Where the words between the cue and the first alternative that follows it lie (what a count counts).
        var counted: ArraySlice<Token>
        /// Whether the question asks yes or no about the first alternative ("Is A higher than B?").
        var asksYesNo: Bool
    }

    /// The choice `input` offers in its last question, decided by the years, measures, counts or stated words
    /// `context` gives each alternative, or `nil` when the question is not of that kind or the context does not
    /// decide it (an alternative it does not date or measure, equal values, different units, an era before the
    /// common one, no stated difference). Two forms: "Which band formed first, Oasis or Blur?" (the alternatives
    /// around "or") and "Is Mount Kinabalu higher than Mount Apo?" (a yes or no about the first: yes picks it).
    ///
    /// - Complexity: O(input + context tokens).
    init?(input: [Token], context: [Token]) {
        guard let form = Self.alternatives(in: input) ?? Self.comparison(in: input) else { return nil }
        let words = form.spans.map(Self.naming(_:))
        let options = [words[0].subtracting(words[1]), words[1].subtracting(words[0])]
        guard options.allSatisfy({ !$0.isEmpty }) else { return nil }
        let sentences = Tokenizer.sentenceRanges(of: context)
        self.options = options
        self.labels = form.spans.map { $0.map(\.text).joined(separator: " ") }
        self.asksYesNo = form.asksYesNo
        guard let direction = form.direction else {
            // No cue: "Which board game was designed by Uwe Rosenberg, Puerto Rico or Agricola?"
            guard
                let answer = Self.attributeAnswer(
                    question: form.question[..<form.spans[0].startIndex], options: options, context: context,
                    sentences: sentences)
            else { return nil }
            self.answer = answer
            self.askedCues = []
            self.oppositeCues = []
            return
        }
        let measure: Measure
        switch direction {
        case 0, 1:
            guard !form.question.contains(where: { Self.endWords.contains($0.text) }) else { return nil }
            measure = .year
        case 2, 3:
            let dimensions = form.question.reduce(UInt8(0)) { $0 | (Self.cueDimensions[$1.text] ?? 0) }
            measure = .quantity(dimensions: dimensions == 0 ? .max : dimensions)
        default:
            // What is counted: the last content word between the cue and the alternative after it.
            guard let noun = form.counted.last(where: { $0.isContentWord && !$0.isNumber }) else { return nil }
            measure = .count(noun: noun.normalized)
        }
        guard
            let firstValue = Self.value(
                of: options[0], other: options[1], in: context, sentences: sentences, measure: measure),
            let secondValue = Self.value(
                of: options[1], other: options[0], in: context, sentences: sentences, measure: measure),
            firstValue.unit == secondValue.unit, firstValue.number != secondValue.number
        else { return nil }
        let wantsSmaller = direction == 0 || direction == 3 || direction == 5
        self.answer = (firstValue.number < secondValue.number) == wantsSmaller ? 0 : 1
        self.askedCues = Self.directions[direction]
        self.oppositeCues = Self.directions[direction ^ 1]
    }

    /// The words that name an alternative: its content words, and a capital letter standing alone ("K Records",
    /// "Plan B"), which a content word's two letters would drop.
    static func naming(_ span: ArraySlice<Token>) -> Set<String> {
        Tokenizer.contentForms(of: span).union(
            span.lazy.filter { token in
                !token.isNumber && token.isCapitalised && token.text.utf8.count == 1 && token.text != "a"
                    && token.text != "i"
            }.map(\.normalized))
    }

    /// The form "..., A or B?" (or HotpotQA's "Which magazine was started first A or B?" without the comma, when a
    /// cue word marks where A begins) of `input`'s last question.
    static func alternatives(in input: [Token]) -> Form? {
        guard let or = input.lastIndex(where: { $0.text == "or" }), or > 0,
            let end = input[or...].firstIndex(where: \.closesQuestion), end > or
        else { return nil }
        let start = Tokenizer.sentenceStart(of: or, in: input)
        // "Or" opening the question offers no first alternative.
        guard or > start else { return nil }
        let question = input[start...end]
        let asked = Self.directions.indices.filter { cues in
            question.contains { Self.directions[cues].contains($0.text) }
        }
        guard asked.count <= 1 else { return nil }
        func isCue(_ token: Token) -> Bool { Self.directions.contains { $0.contains(token.text) } }
        // The first alternative runs back from "or" to a comma or a cue word; the second to the question mark.
        var first = or - 1
        while first > start, input[first].joinedToPrevious, !isCue(input[first - 1]) { first -= 1 }
        // Without a cue word only a comma marks where the first alternative begins.
        guard first > start || !asked.isEmpty else { return nil }
        let cue = asked.first.flatMap { direction in
            input[start..<first].firstIndex { Self.directions[direction].contains($0.text) }
        }
        return Form(
            question: question, spans: [input[first..<or], input[(or + 1)...end]], direction: asked.first,
            counted: cue.map { input[($0 + 1)..<first] } ?? input[first..<first], asksYesNo: false)
    }

    /// The form "Is A higher than B?", "Was A founded before B?", "Does A have more members than B?" of `input`'s
    /// last question: an auxiliary, the first alternative (its capitalised words, after an optional "the"), one cue
    /// word, then "than" (or the cue "before" or "after" itself) and the second alternative.
    static func comparison(in input: [Token]) -> Form? {
        guard let end = input.lastIndex(where: \.closesQuestion) else { return nil }
        let start = Tokenizer.sentenceStart(of: end, in: input)
        guard SharedAttribute.openers.contains(input[start].text) else { return nil }
        let question = input[start...end]
        let asked = Self.directions.indices.filter { cues in
            question.contains { Self.directions[cues].contains($0.text) }
        }
        guard asked.count == 1, let direction = asked.first,
            let cue = question.firstIndex(where: { Self.directions[direction].contains($0.text) })
        else { return nil }
        var first = start + 1
        if first < cue, input[first].text == "the" { first += 1 }
        var last = first
        while last < cue, input[last].isCapitalised || (last > first && input[last].isNumber) { last += 1 }
        let pivot =
            input[cue].text == "before" || input[cue].text == "after"
            ? cue
            : question[cue...].firstIndex {
                $0.text == "than"
            }
        guard last > first, let pivot, pivot < end else { return nil }
        return Form(
            question: question, spans: [input[first..<last], input[(pivot + 1)...end]], direction: direction,
            counted: input[min(cue + 1, pivot)..<pivot], asksYesNo: true)
    }

    /// Question words an attribute question opens its asking part with.
    static let askingWords: Set<String> = ["which", "who", "whom", "whose", "what"]
    /// Words that make a sentence's (or the question's) words say something other than that the thing has them:
    /// the negations ``SharedAttribute`` reads, "without", and ranks ("the second largest") or past states
    /// ("formerly") that a word alone does not carry.
    static let unsettlingWords: Set<String> = SharedAttribute.negations.union([
        "without", "second", "third", "fourth", "fifth", "former", "formerly", "previously", "once", "nearly", "almost",
    ])

    /// Whether `token` is one of ``unsettlingWords`` or a negation ending in "n't".
    static func unsettles(_ token: Token) -> Bool {
        Self.unsettlingWords.contains(token.text) || SharedAttribute.negates(token)
    }

    /// Which alternative the context gives what the question asks, for a question with no cue word ("Which board
    /// game was designed by Uwe Rosenberg, Puerto Rico or Agricola?"): the one whose sentences state every asked word
    /// the other's state and more. The asked words are the question's content words before the alternatives, less
    /// the question word and the words right after "which" or "what" (the kind both are: "board game"). An
    /// alternative's sentences are those that name it and those after them that name neither ("It was designed
    /// by ..."). `nil` when a sentence names both, an alternative has no sentence, neither states more, or the
    /// question or the deciding sentences hold a negation or a rank (``unsettlingWords``).
    static func attributeAnswer(
        question: ArraySlice<Token>, options: [Set<String>], context: [Token], sentences: [Range<Int>]
    ) -> Int? {
        guard let opener = question.firstIndex(where: { Self.askingWords.contains($0.text) }),
            !question.contains(where: Self.unsettles)
        else { return nil }
        var asking = opener + 1
        if question[opener].text == "which" || question[opener].text == "what" {
            while asking < question.endIndex, question[asking].isContentWord { asking += 1 }
        }
        let asked = Tokenizer.contentForms(of: question[asking...]).subtracting(options[0]).subtracting(options[1])
        guard !asked.isEmpty else { return nil }
        var stated: [Set<String>] = [[], []]
        var named = [false, false]
        var unsettled = [false, false]
        var owner: Int?
        for sentence in sentences {
            let names = options.map { Self.position(naming: $0, in: context[sentence]) != nil }
            if names[0] && names[1] { return nil }
            if let one = names.firstIndex(of: true) {
                owner = one
                named[one] = true
            }
            guard let owner else { continue }
            for token in context[sentence] {
                if asked.contains(token.normalized) { stated[owner].insert(token.normalized) }
                if Self.unsettles(token) { unsettled[owner] = true }
            }
        }
        guard named[0], named[1] else { return nil }
        let winner: Int
        if stated[1].isStrictSubset(of: stated[0]) {
            winner = 0
        } else if stated[0].isStrictSubset(of: stated[1]) {
            winner = 1
        } else {
            return nil
        }
        return unsettled[winner] ? nil : winner
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

    /// The alternative a response picks against the context's values, as the question writes it ("yes" or "no" for
    /// a yes/no comparison answered so), or `nil` when it picks the right one or its pick is not clear (``pick(in:)``).
    func wrongPick(in tokens: [Token]) -> String? {
        guard let (pick, saidYesOrNo) = self.pick(in: tokens), pick != self.answer else { return nil }
        return saidYesOrNo ? (pick == 0 ? "yes" : "no") : self.labels[pick]
    }

    /// The first content word of a response that names neither alternative, nor "the former" or "the latter", to a
    /// question the context decides: "Dumfries" to "Which club is older, Queen of the South or Ross County?", "Both
    /// painters were born in Ostend." to "Who was born first, ...?". It answers another question. A yes or no
    /// comparison ("Is A higher than B?") is left to ``pick(in:)``, and so are alternatives that open with a
    /// stopword ("the director of The Guard or the director of In Bruges?"), which a right answer names by another name.
    func neitherNamed(in tokens: [Token]) -> String? {
        guard !self.asksYesNo,
            self.labels.allSatisfy({ label in
                label.split(separator: " ").first.map { !Stopwords.all.contains(String($0)) } ?? false
            }),
            !tokens.contains(where: {
                self.options[0].contains($0.normalized) || self.options[1].contains($0.normalized)
                    || $0.text == "former" || $0.text == "latter"
            })
        else { return nil }
        return tokens.first(where: \.isContentWord)?.text
    }

    /// The index of the alternative a response picks, and whether it picked by a yes or no: to a yes/no comparison,
    /// a standalone "Yes" opening it picks the first and "No" the second. Otherwise naming one alternative picks it;
    /// naming both picks by the cue word between the first named and the other: one of the asked direction picks the
    /// first ("Oasis formed earlier, in 1988, before Blur"), one of the other direction the second ("Oasis formed
    /// after Blur"); no cue, or a negation between them ("Oasis did not form first"), picks nothing (`nil`).
    func pick(in tokens: [Token]) -> (index: Int, byYesOrNo: Bool)? {
        if self.asksYesNo, let answer = SharedAttribute.answer(openingWith: tokens) { return (answer ? 0 : 1, true) }
        let named = self.options.map { Self.position(naming: $0, in: tokens[...]) }
        switch (named[0], named[1]) {
        case (.some, nil): return (0, false)
        case (nil, .some): return (1, false)
        case (.some(let first), .some(let second)):
            let (earlier, later) = first < second ? (0, 1) : (1, 0)
            // The alternatives' own words (stopwords too) are no cue: "Arthur's Magazine came after First for Women".
            let own = Set(self.labels.lazy.flatMap { $0.split(separator: " ") }.map(String.init))
            let between = tokens[(min(first, second) + 1)..<max(first, second)].filter { !own.contains($0.text) }
            guard !between.contains(where: { $0.text == "not" || $0.text == "never" || $0.text.hasSuffix("n't") })
            else { return nil }
            if between.contains(where: { self.askedCues.contains($0.text) }) { return (earlier, false) }
            if between.contains(where: { self.oppositeCues.contains($0.text) }) { return (later, false) }
            return nil
        case (nil, nil): return nil
        }
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
