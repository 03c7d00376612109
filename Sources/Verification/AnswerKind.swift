/// The kind of thing a question asks for, and the kinds the context says its names are: "The band that recorded
/// Spiderland was formed in which city?" asks for a city, and the context's "the American rock band Slint" makes
/// "Slint" a band, so the bare answer "Slint" answers another question. Word support cannot see it: the context states
/// "Slint". Likewise "Peter Florence founded it." to "... first held in what year?" gives no year at all.
///
/// Kinds are read only where the text says them plainly: the question's "which city", "what year", "who", "where",
/// "when", "how many"; the context's "Slint was an American rock band from ...", "Lyme Regis, a coastal town in
/// ...", "the rock band Slint", "the town of Raseborg", "the Jotunheimen range", and a name's own last word
/// ("Radcliffe College"). A name the context describes in no such way is never flagged, nor one with any kind the
/// question allows (a "municipality" is a town and a region).
struct AnswerKind: Sendable, Hashable {
    /// Classes of things a question can ask for; a word may name several ("municipality").
    struct Classes: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let settlement = Classes(rawValue: 1 << 0)
        static let region = Classes(rawValue: 1 << 1)
        static let water = Classes(rawValue: 1 << 2)
        static let landform = Classes(rawValue: 1 << 3)
        static let organisation = Classes(rawValue: 1 << 4)
        static let work = Classes(rawValue: 1 << 5)
        static let person = Classes(rawValue: 1 << 6)
        static let building = Classes(rawValue: 1 << 7)
        static let all = Classes(rawValue: .max)
    }

    /// What the question asks for.
    enum Asked: Sendable, Hashable {
        /// A thing of one of these classes.
        case kind(Classes)
        /// A year ("In what year ...?"): a number.
        case year
        /// A time ("When ...?"): a number, a month or a word of time.
        case time
        /// A count ("How many ...?"): a number or a word that counts.
        case count
    }

    /// What the question asks for, when it is something this reads.
    let asked: Asked?
    /// Whether the question offers no alternatives in its own words ("both", "between", "which of", "or": a choice
    /// without a comma, "Which game did Wrede design Carcassonne or Dominion?", is read as none), so a bare answer
    /// naming only what it names answers nothing: "Lee Tamahori" to "Who wrote the novel on which the 1994 film
    /// directed by Lee Tamahori was based?".
    let echoAnswersNothing: Bool
    /// The question's names, whole (keys as in ``described``): "The Cascade", a response a token cap cut from "the
    /// Cascade X2", echoes none of them.
    let questionNames: Set<String>
    /// The classes the context describes its names as, by the name's words' comparison forms joined by spaces (only
    /// for a question asking a kind).
    let described: [String: Classes]

    /// Reads what the question ending `input` asks for and, when it is a kind, what `context` says its names are;
    /// `nil` when the input does not end with a question.
    ///
    /// - Complexity: O(input + context tokens).
    init?(input: [Token], context: [Token]) {
        // Only a question that ends the input: an earlier one of a dialogue ("When was it released? ... is this in
        // English as well") is no longer what the response answers.
        guard let question = Self.endingQuestion(of: input) else { return nil }
        let end = question.endIndex - 1
        self.echoAnswersNothing = !question.indices.contains { index in
            ["both", "between", "either", "neither", "or"].contains(question[index].text)
                || (index < end && PreparedExperience.questionWords.contains(question[index].text)
                    && question[index + 1].text == "of")
        }
        self.questionNames = Set(Self.nameSpans(in: input, from: question.startIndex).map { Self.key(of: input[$0]) })
        self.asked = Self.asked(in: question)
        guard case .kind = self.asked else {
            self.described = [:]
            return
        }
        var described: [String: Classes] = [:]
        for span in Self.nameSpans(in: context) {
            let classes = Self.description(of: span, in: context)
            if !classes.isEmpty { described[Self.key(of: context[span]), default: []].formUnion(classes) }
        }
        self.described = described
    }

    /// The name, number or first content word of a response that cannot answer what the question asks: in a bare
    /// answer to a question asking a kind, a name of another kind ("Slint" to "... in which city?"), a number, or only
    /// the question's own names; or no year, time or count where one is asked, in a response that `finished` its
    /// sentence (one a token cap cut, "The Calgary store has", is incomplete instead). Names `question` states are
    /// not read for their kind.
    func mismatch(in tokens: [Token], finished: Bool, question: SupportIndex) -> String? {
        guard let asked = self.asked else { return nil }
        switch asked {
        case .year:
            guard finished, !tokens.contains(where: { $0.isNumber || $0.isNumberWord }) else { return nil }
            return Self.firstContentWord(of: tokens)
        case .time:
            let timed = tokens.contains {
                $0.isNumber || $0.isNumberWord || $0.normalized.hasPrefix("month-") || Self.timeWords.contains($0.text)
            }
            return !finished || timed ? nil : Self.firstContentWord(of: tokens)
        case .count:
            let counted = tokens.contains { $0.isNumber || $0.isNumberWord || Self.countWords.contains($0.text) }
            return !finished || counted ? nil : Self.firstContentWord(of: tokens)
        case .kind(let allowed):
            // A bare answer: names (a qualifier after a comma too: "Ruston, Louisiana") and the words that join names,
            // nothing else. A sentence's first name is often the question's subject ("Lyme Regis is in Dorset."),
            // not its answer.
            guard tokens.allSatisfy({ $0.isNameWord || $0.isNumber || Self.nameGlue.contains($0.text) }) else {
                return nil
            }
            if self.echoAnswersNothing, let echo = self.echo(in: tokens) { return echo }
            // A bare number names no thing ("1968" to "In which city was the band formed?"), unless with a name
            // ("Boldklubben 1903"); a place may be one ("Where did it finish?").
            if allowed != Self.places, !tokens.contains(where: \.isNameWord),
                let number = tokens.first(where: \.isNumber)
            {
                return number.text
            }
            var mismatched: String?
            for span in Self.nameSpans(in: tokens) {
                // A name that calls itself what is asked answers it: "the Province of Antwerp" to "... which province?".
                let own = [tokens[span.lowerBound], tokens[span.upperBound - 1]].compactMap {
                    Self.kinds[$0.normalized]
                }
                guard own.allSatisfy({ $0.isDisjoint(with: allowed) }) else { return nil }
                // The question's own names are not its answer ("The Harbour Light - Mara Quinlan" to "Who wrote The
                // Harbour Light?").
                guard !tokens[span].allSatisfy(question.supports) else { continue }
                var classes = self.described[Self.key(of: tokens[span])] ?? []
                if let head = Self.headKinds[tokens[span.upperBound - 1].normalized] { classes.formUnion(head) }
                guard !classes.isEmpty else { continue }
                // Any name of a kind the question allows answers it ("Lyme Regis, Dorset" to "which county?").
                guard classes.isDisjoint(with: allowed) else { return nil }
                if mismatched == nil { mismatched = tokens[span].map(\.text).joined(separator: " ") }
            }
            return mismatched
        }
    }

    /// The names of a bare answer when each is a whole name of the question ("Lee Tamahori" to "Who wrote the novel
    /// on which the 1994 film directed by Lee Tamahori was based?"), else `nil`.
    private func echo(in tokens: [Token]) -> String? {
        let spans = Self.nameSpans(in: tokens)
        guard !spans.isEmpty, spans.allSatisfy({ self.questionNames.contains(Self.key(of: tokens[$0])) }) else {
            return nil
        }
        return spans.map { tokens[$0].map(\.text).joined(separator: " ") }.joined(separator: " ")
    }

    // MARK: - The question

    /// The question that ends `input`, if it ends with one.
    static func endingQuestion(of input: [Token]) -> ArraySlice<Token>? {
        guard let end = input.indices.last, input[end].closesQuestion else { return nil }
        return input[Tokenizer.sentenceStart(of: end, in: input)...end]
    }

    /// What the years a bare number answers count: "How many years after ...?" a gap between two years, "How old
    /// was she when ...?" an age (the gap or one less, by the birthday).
    enum YearsAsked: Sendable, Hashable {
        case gap
        case age
    }

    /// Whether the question ending `input` asks for a number of years ("How many years", "How long", "How old").
    static func yearsAsked(in input: [Token]) -> YearsAsked? {
        guard let question = Self.endingQuestion(of: input),
            let how = question.firstIndex(where: { $0.text == "how" }), how + 1 < question.endIndex
        else { return nil }
        let next = question[how + 1].text
        if next == "old" { return .age }
        if next == "long" { return .gap }
        return next == "many" && how + 2 < question.endIndex && question[how + 2].normalized == "year" ? .gap : nil
    }

    /// What `question` asks for: "which" or "what" and a kind word within four words ("In which Louisiana
    /// parish ...?", "What is the main town of ...?"), or opening the question, "who", "where", "when" or "how many".
    static func asked(in question: ArraySlice<Token>) -> Asked? {
        let end = question.endIndex - 1
        if let which = question.firstIndex(where: { $0.text == "which" || $0.text == "what" }),
            let kind = Self.kindAfter(which, in: question, end: end)
        {
            return kind
        }
        // The question word opens the question, perhaps after a preposition ("In what year", "From where").
        guard let opener = question.prefix(2).first(where: { PreparedExperience.questionWords.contains($0.text) })
        else { return nil }
        switch opener.text {
        case "who", "whom": return .kind([.person, .organisation])
        case "where": return .kind(Self.places)
        case "when": return .time
        case "how":
            let next = question.index(after: question.firstIndex(of: opener)!)
            return next <= end && question[next].text == "many" ? .count : nil
        default: return nil
        }
    }

    /// The kind "which" or "what" at `index` asks for: the first kind word among the next four words, over names,
    /// numbers and modifiers ("which present-day town", "what record label"), after "is the" ("What is the main town
    /// of ...?"). A kind word that only modifies what is asked ("which band member", "which city's club") asks
    /// nothing this reads.
    private static func kindAfter(_ index: Int, in tokens: ArraySlice<Token>, end: Int) -> Asked? {
        var next = index + 1
        if next + 1 <= end, Self.copulas.contains(tokens[next].text), tokens[next + 1].text == "the" {
            next += 2
        }
        for position in next..<min(end + 1, next + 4) {
            let token = tokens[position]
            if token.normalized == "year" { return .year }
            if let classes = Self.kinds[token.normalized], !token.text.hasSuffix("'s") {
                if position < end, !tokens[position + 1].isCapitalised, tokens[position + 1].joinedToPrevious,
                    !Self.isParticiple(tokens[position + 1])
                {
                    // A compound's last word is what it names: "which state university", "which city council".
                    let following = tokens[position + 1].normalized
                    if let head = Self.kinds[following], !head.isDisjoint(with: [.organisation, .building]) {
                        return .kind(head)
                    }
                    if Self.headChangers.contains(following) { return nil }
                }
                return .kind(classes)
            }
            guard token.isContentWord, !token.text.hasSuffix("'s") else { return nil }
        }
        return nil
    }

    // MARK: - The context

    /// The classes the context says the name at `span` is: a kind word right before it ("the rock band Slint"), "the
    /// town of" before it, "the ... range" after it, or a description after "is a" or an appositive "X, a ...".
    private static func description(of span: Range<Int>, in tokens: [Token]) -> Classes {
        var classes: Classes = []
        let first = span.lowerBound
        if first > 0, !tokens[first].startsSentence, tokens[first].joinedToPrevious {
            let before = tokens[first - 1]
            if !before.isCapitalised, !Self.isParticiple(before), let kind = Self.kinds[before.normalized] {
                classes.formUnion(kind)
            }
        }
        if first >= 3, tokens[first - 1].text == "of", !tokens[first - 2].isCapitalised,
            let kind = Self.placeKinds[tokens[first - 2].normalized]
        {
            // "the town of", "the present-day town of", "the Welsh town of"; not "the largest city of".
            var article = first - 3
            while article > first - 6, article > 0,
                tokens[article].isNameWord || Self.placeModifiers.contains(tokens[article].text)
            {
                article -= 1
            }
            if tokens[article].text == "the" { classes.formUnion(kind) }
        }
        var after = span.upperBound
        guard after < tokens.count, !tokens[after].startsSentence else { return classes }
        if first > 0, tokens[first - 1].text == "the", tokens[after].joinedToPrevious,
            let kind = Self.followingKinds[tokens[after].normalized]
        {
            classes.formUnion(kind)
        }
        // A life span or a year in brackets between the name and its description: "Inge Lehmann (1888–1993) was a".
        var skippedNumbers = false
        while after < tokens.count, after < span.upperBound + 2, tokens[after].isNumber {
            after += 1
            skippedNumbers = true
        }
        guard after + 1 < tokens.count, !tokens[after].startsSentence else { return classes }
        if Self.copulas.contains(tokens[after].text), tokens[after].joinedToPrevious || skippedNumbers {
            var article = after + 1
            if ["also", "now", "still", "once"].contains(tokens[article].text) { article += 1 }
            if article < tokens.count, ["a", "an", "the"].contains(tokens[article].text) {
                classes.formUnion(Self.head(after: article, in: tokens, participlesEnd: true))
            }
        } else if !tokens[after].joinedToPrevious, !skippedNumbers, ["a", "an", "the"].contains(tokens[after].text) {
            // An appositive: "Avery Island, a salt dome in ..." (not "In Paris, the band recorded ...").
            classes.formUnion(Self.head(after: after, in: tokens, participlesEnd: false))
        }
        return classes
    }

    /// The kind of the noun phrase after the article at `article`: its last word before a stopword, punctuation or
    /// (when `participlesEnd`) a participle ("a Finnish consumer goods company founded in"), when that word is a kind.
    private static func head(after article: Int, in tokens: [Token], participlesEnd: Bool) -> Classes {
        var last: Classes?
        var position = article + 1
        while position < tokens.count, position <= article + 6 {
            let token = tokens[position]
            let ends =
                token.startsSentence || !token.joinedToPrevious || Stopwords.all.contains(token.text)
                || (participlesEnd && position > article + 1 && Self.isParticiple(token))
            if ends { return last ?? [] }
            last = Self.kinds[token.normalized]
            position += 1
        }
        return position == tokens.count ? last ?? [] : []
    }

    private static func isParticiple(_ token: Token) -> Bool {
        !token.isCapitalised && (token.text.hasSuffix("ed") || Self.irregularParticiples.contains(token.text))
    }

    // MARK: - Words

    /// The names of `tokens` from `start` on (``AnswerHop/span(at:in:)``), in order.
    static func nameSpans(in tokens: [Token], from start: Int = 0) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = start
        while index < tokens.count {
            guard tokens[index].isNameWord else {
                index += 1
                continue
            }
            let span = AnswerHop.span(at: index, in: tokens)
            spans.append(span)
            index = span.upperBound
        }
        return spans
    }

    private static func key(of span: ArraySlice<Token>) -> String {
        span.map(\.normalized).joined(separator: " ")
    }

    private static func firstContentWord(of tokens: [Token]) -> String? {
        tokens.first(where: \.isContentWord)?.text ?? tokens.first?.text
    }

    /// What "where" asks for: anything but a person or a work.
    static let places = Classes.all.subtracting([.person, .work])

    /// Kind words by comparison form (``Tokenizer/normalize(_:)``, so plurals too).
    static let kinds: [String: Classes] = {
        let groups: [(Classes, String)] = [
            (
                .settlement,
                "city town village hamlet port suburb settlement metropolis locality neighbourhood neighborhood "
                    + "capital"
            ),
            ([.settlement, .region], "municipality commune borough township district"),
            (
                .region,
                "county parish state province region department canton prefecture country nation republic kingdom "
                    + "shire territory oblast governorate emirate principality duchy"
            ),
            ([.landform, .region], "island archipelago peninsula"),
            (
                .water,
                "lake river sea bay ocean loch gulf strait lagoon reservoir fjord canal creek stream tributary estuary"
            ),
            (
                .landform,
                "mountain range dome valley hill volcano peak desert forest glacier cape plateau massif summit ridge cave"
            ),
            (
                .organisation,
                "band company label club university college institution institute school team firm brand "
                    + "corporation manufacturer publisher studio network orchestra airline agency party "
                    + "organization organisation society foundation charity retailer chain conglomerate bank academy "
                    + "conservatory duo trio quartet ensemble choir troupe league federation association"
            ),
            ([.organisation, .work], "newspaper magazine franchise"),
            ([.organisation, .building], "museum hospital observatory monastery abbey church"),
            (
                .work,
                "film movie album novel song book painting play opera series show single poem game musical sitcom "
                    + "documentary sculpture symphony ballet novella memoir comic manga anime episode soundtrack"
            ),
            (
                .person,
                "person man woman painter director singer author writer actor actress musician guitarist bassist "
                    + "drummer composer architect politician player footballer novelist poet philosopher scientist "
                    + "astronomer physicist chemist mathematician seismologist geophysicist biologist economist "
                    + "journalist filmmaker producer rapper songwriter comedian dancer artist sculptor photographer "
                    + "explorer inventor engineer entrepreneur businessman businesswoman lawyer judge king queen prince "
                    + "princess emperor president monarch bishop priest pope saint general admiral soldier coach "
                    + "cricketer boxer wrestler athlete swimmer cyclist golfer presenter broadcaster historian scholar "
                    + "theologian physician surgeon teacher professor designer illustrator cartoonist animator "
                    + "screenwriter playwright lyricist vocalist frontman keyboardist flautist pianist violinist "
                    + "cellist conductor saxophonist trumpeter collector palaeontologist paleontologist geologist "
                    + "botanist zoologist anthropologist sociologist psychologist linguist activist diplomat "
                    + "statesman senator governor mayor chancellor founder"
            ),
            (
                .building,
                "stadium castle cathedral bridge tower palace building station airport theatre theater hotel temple "
                    + "mosque lighthouse arena skyscraper fort fortress mansion"
            ),
        ]
        var kinds: [String: Classes] = [:]
        for (classes, words) in groups {
            for word in words.split(separator: " ") {
                kinds[Tokenizer.normalize(String(word)), default: []].formUnion(classes)
            }
        }
        return kinds
    }()

    /// The kinds "the ... of" may give the name after it: places only ("the town of Raseborg"); "the capital of
    /// France" names no capital.
    static let placeKinds: [String: Classes] = Self.kinds.filter { word, classes in
        word != Tokenizer.normalize("capital") && classes.isSubset(of: [.settlement, .region, .landform])
    }

    /// Words allowed between "the" and a place kind before "of" ("the present-day town of"); a superlative is not
    /// ("the largest city of Texas" makes Texas no city).
    static let placeModifiers: Set<String> = [
        "present", "day", "former", "small", "market", "coastal", "seaside", "historic", "ancient", "old", "medieval",
        "fishing", "mining", "industrial", "nearby", "neighbouring", "neighboring", "village", "spa", "port", "resort",
    ]

    /// Kinds that a word after "the" and a name gives the name ("the Jotunheimen range", "the Charente department"):
    /// places only, since "the Manchester band" makes Manchester no band.
    static let followingKinds: [String: Classes] = Self.kinds.filter { word, classes in
        word != Tokenizer.normalize("capital") && classes.isSubset(of: [.settlement, .region, .landform, .water])
    }

    /// Kinds a name's own last word gives it ("Radcliffe College", "Touch and Go Records"): only words that end no
    /// name of another kind, unlike "City" ("Manchester City"), "County" ("Notts County") or "Island" ("Rhode Island").
    static let headKinds: [String: Classes] = {
        var heads: [String: Classes] = [:]
        for word in [
            "college", "university", "company", "corporation", "school", "academy", "institute", "museum", "cathedral",
            "stadium", "airport", "observatory", "hospital", "abbey",
        ] {
            let form = Tokenizer.normalize(word)
            heads[form] = Self.kinds[form]
        }
        heads[Tokenizer.normalize("records")] = .organisation
        return heads
    }()

    /// Words after a kind word that make it a modifier of what is asked: "which band member", "which city council".
    static let headChangers: Set<String> = Set(
        [
            "member", "name", "council", "hall", "player", "owner", "founder", "leader", "mayor", "manager", "coach",
            "captain", "president", "governor", "population", "area", "size", "resident", "native", "citizen",
            "official", "representative", "senator", "border", "flag", "anthem", "language", "currency",
        ].map(Tokenizer.normalize))

    /// Participles that do not end in "ed" and end a noun phrase ("a company known for"); "founded" and "based" are
    /// read by their ending.
    static let irregularParticiples: Set<String> = [
        "known", "born", "built", "made", "held", "run", "set", "written", "sung", "drawn", "shown", "taken", "given",
        "led",
    ]

    /// The forms of "be" that link a name to its description ("Slint was a band") or open "What is the ...?".
    static let copulas: Set<String> = ["is", "was", "are", "were"]

    /// Words that may stand between the names of a bare answer ("the Isle of Man", "Hope Sandoval & the Warm
    /// Inventions", "in Lom").
    static let nameGlue: Set<String> = [
        "the", "a", "an", "and", "of", "in", "on", "at", "near", "de", "la", "le", "del", "da", "di", "van", "von",
        "der",
        "du", "y", "i",
    ]

    /// Words that place an answer in time without a number ("in the spring", "during the war").
    static let timeWords: Set<String> = [
        "century", "centuries", "decade", "decades", "year", "years", "era", "age", "period", "war", "season", "spring",
        "summer", "autumn", "fall", "winter", "day", "days", "week", "weeks", "weekend", "month", "months", "morning",
        "afternoon", "evening", "night", "noon", "midnight", "today", "tomorrow", "yesterday", "tonight", "after",
        "before", "during", "since", "until", "ago", "early", "late", "mid", "soon", "later", "now", "never", "always",
        "daily", "weekly", "monthly", "annually", "yearly", "dynasty", "reign", "christmas", "easter",
    ]

    /// Words that give a count without a number ("a dozen", "none").
    static let countWords: Set<String> = [
        "one", "dozen", "dozens", "none", "no", "zero", "several", "few", "many", "both", "half", "couple", "single",
        "once",
        "twice", "hundreds", "thousands", "millions", "numerous", "multiple", "countless", "all", "neither", "each",
    ]
}
