import Experiences
import LanguageModels

/// An experience tokenised once, so many outputs for it can be verified cheaply (the trainer scores a group of
/// outputs per experience).
package struct PreparedExperience: Sendable {
    /// The experience.
    package let experience: Experience
    /// Everything that may vouch for a claim: context, input, and the reference when configured.
    let support: SupportIndex
    /// The input (user turn, dialogue history) alone, to tell context evidence from echoing the question.
    let inputSupport: SupportIndex
    /// The sentences of the context (and of the reference when configured), to find the one a claim rests on.
    let sentences: SentenceSupport
    /// The reference's tokens for F1 (articles removed), when there is a reference.
    let referenceTokens: [String: Int]?
    /// When the input asks an open question and the reference states numbers the input does not, their forms
    /// (``Token/valueForms``): the value asked for ("2120" of "The Kestrel Ultra weighs 2120 grams." to "What is the
    /// weight of the Kestrel Ultra?"). Else `nil`.
    let referenceValues: Set<String>?
    /// The format rule from `metadata.format`, if it names a known one.
    let formatRule: FormatRule?
    /// The length budget in words.
    let lengthBudget: Int
    /// Whether the request can be answered from what the model was given (see ``answerability(of:)``).
    let answerable: Bool
    /// Whether the experience has a non-empty context (only then can a response fail to use it).
    let hasContext: Bool
    /// The input's distinct content words when it offers alternatives ("Which came first, X or Y?"), else `nil`: a
    /// short answer that names one of them takes its words from the question without echoing it.
    let offeredChoiceWords: Int?
    /// The two alternatives the input's question names and which of them the context's years, measures or counts
    /// make the answer ("Which band formed first, Oasis or Blur?"), else `nil`.
    let offeredChoice: OfferedChoice?
    /// The attribute the input's yes/no question asks two things to share, when the context says they do ("Are A and
    /// B both opera composers?"), else `nil`.
    let sharedAttribute: SharedAttribute?
    /// The differences between the years the context states, as numbers are written ("5" for 1982 and 1987): "five
    /// years before Sarah Records" is arithmetic on what the context says, not an invented number.
    let yearGaps: Set<String>
    /// Whether the input's closing question asks for a number of years ("How many years after ...?", "How old was
    /// she when ...?"): a bare number equal to a gap between the context's years (an age: or one less) is arithmetic.
    let yearsAsked: AnswerKind.YearsAsked?
    /// Whether the input asks one question, and for something by a question word ("In which city ...?", "The
    /// director of X was born where?"), not for a yes or no ("Is the city which hosted X in Italy?"). A dialogue
    /// history with questions before the last one is left out: its answers chat around the name they give.
    let inputAsksOpenQuestion: Bool
    /// The context's name words and which of them it puts together, when the input asks one open question (else
    /// `nil`, to spare the work): a one-sentence answer's name stitched from them is invented.
    let nameJoins: NameJoins?
    /// The two steps of the input's one open question, when it offers no alternatives and the context separates the
    /// steps (else `nil`): a short answer naming only what the first step passes through answers the wrong step.
    let answerHop: AnswerHop?
    /// What the input's one open question asks for ("which city", "what year", "who") and the kinds the context gives
    /// its names, when the question asks something that reads (else `nil`): "Slint" is no city.
    let answerKind: AnswerKind?
    /// Whether the whole input is one question, a sentence that ends with a question mark ("Which label released X?",
    /// "Are A and B both American?"): not a dialogue history, whose answers chat around what they state.
    let inputIsOneQuestion: Bool
    /// Whether the user asked something: the input ends with a question mark, or its last sentence is a request
    /// ("List the address and the manager of the Portland store.", ``requestVerbs``); a chat turn of thanks does not.
    let inputAsks: Bool
    /// Whether the input's last sentence is a question opening with a question word ("How much does it cost?"),
    /// which a bare yes or no cannot answer.
    let inputAsksWh: Bool

    /// Prepares `experience` under `configuration`.
    ///
    /// - Complexity: O(length of input + context + reference).
    init(_ experience: Experience, configuration: VerifierConfiguration) {
        self.experience = experience
        let inputTokens = Tokenizer.tokens(of: experience.input)
        var support = SupportIndex()
        var sentences = SentenceSupport()
        support.add(inputTokens)
        var offeredChoice: OfferedChoice?
        var sharedAttribute: SharedAttribute?
        var yearGaps: Set<String> = []
        var nameJoins: NameJoins?
        let asksOpenQuestion = Self.asksOpenQuestion(inputTokens)
        var contextTokens: [Token]?
        if let context = experience.context {
            let tokens = Tokenizer.tokens(of: context)
            contextTokens = tokens
            support.add(tokens)
            sentences.add(tokens)
            offeredChoice = OfferedChoice(input: inputTokens, context: tokens)
            sharedAttribute = SharedAttribute(input: inputTokens, context: tokens)
            yearGaps = Self.yearGaps(in: tokens)
            if asksOpenQuestion { nameJoins = NameJoins(context: tokens, input: inputTokens) }
        }
        self.nameJoins = nameJoins
        self.yearGaps = yearGaps
        self.yearsAsked = yearGaps.isEmpty ? nil : AnswerKind.yearsAsked(in: inputTokens)
        self.inputAsksOpenQuestion = asksOpenQuestion
        self.inputIsOneQuestion =
            inputTokens.last?.closesQuestion == true && !inputTokens.dropFirst().contains(where: \.startsSentence)
        self.offeredChoice = offeredChoice
        self.sharedAttribute = sharedAttribute
        var referenceTokens: [String: Int]?
        var referenceValues: Set<String>?
        if let reference = experience.reference, !reference.isEmpty {
            let tokens = Tokenizer.tokens(of: reference)
            if asksOpenQuestion {
                let asked = Set(inputTokens.flatMap(\.valueForms))
                let values = tokens.filter { !$0.valueForms.isEmpty && !$0.valueForms.contains(where: asked.contains) }
                referenceValues = values.isEmpty ? nil : Set(values.flatMap(\.valueForms))
            }
            if configuration.groundOnReference {
                support.add(tokens)
                sentences.add(tokens)
            }
            referenceTokens = ReferenceAgreement.bag(tokens)
        }
        self.answerHop =
            asksOpenQuestion && !inputTokens.contains(where: { $0.text == "or" })
            ? contextTokens.flatMap { AnswerHop(input: inputTokens, context: $0, sentences: sentences) } : nil
        // A choice of alternatives is left to `OfferedChoice`; an "or" inside a name is none ("the Nobel Prize in
        // Physiology or Medicine").
        self.answerKind =
            asksOpenQuestion && OfferedChoice.alternatives(in: inputTokens) == nil
            ? contextTokens.flatMap { AnswerKind(input: inputTokens, context: $0) } : nil
        var inputSupport = SupportIndex()
        inputSupport.add(inputTokens)
        // What the model was told (the company it speaks for, a policy) is no invention of its own, nor a fact taken
        // from the context: its words count as the input's do.
        if let system = experience.metadata[Experience.systemPromptKey]?.stringValue, !system.isEmpty {
            let tokens = Tokenizer.tokens(of: system)
            support.add(tokens)
            inputSupport.add(tokens)
        }
        self.support = support
        self.inputSupport = inputSupport
        self.sentences = sentences
        self.referenceTokens = referenceTokens
        self.referenceValues = referenceValues
        self.formatRule = experience.metadata["format"]?.stringValue.flatMap(FormatRule.init(specification:))
        if let budget = experience.metadata["length_budget"]?.numberValue, budget >= 1, budget.isFinite {
            self.lengthBudget = Int(budget)
        } else {
            self.lengthBudget = configuration.lengthBudget
        }
        self.answerable = Self.answerability(of: experience)
        self.hasContext = !(experience.context ?? "").allSatisfy(\.isWhitespace)
        self.offeredChoiceWords = Self.offeredChoiceWords(in: inputTokens)
        let endsWithQuestion = experience.input.unicodeScalars.last { !$0.properties.isWhitespace } == "?"
        self.inputAsks = endsWithQuestion || Self.lastSentenceRequests(inputTokens)
        self.inputAsksWh = endsWithQuestion && Self.opensWithQuestionWord(lastSentenceOf: experience.input)
    }

    /// Verbs that open a request in the imperative ("Give me the price of the Tundra X2.", "Summarise the Alpine
    /// membership as a list."): the user asks for something as surely as with a question mark.
    static let requestVerbs: Set<String> = [
        "list", "give", "tell", "summarise", "summarize", "describe", "explain", "show", "name", "compare", "write",
        "provide", "send", "share", "find", "recommend", "suggest", "outline", "confirm", "check",
    ]

    /// Words that may come before a request's verb ("Please list ...", "So, tell me ...").
    static let requestLead: Set<String> = [
        "please", "kindly", "just", "now", "so", "and", "then", "also", "ok", "okay",
    ]

    /// Whether the last sentence of the input opens with one of ``requestVerbs`` (after ``requestLead`` words).
    static func lastSentenceRequests(_ tokens: [Token]) -> Bool {
        // An input without tokens leaves an empty slice (no opening), so no bounds check is needed.
        let start = tokens.lastIndex(where: \.startsSentence) ?? 0
        let opening = tokens[start...].drop { Self.requestLead.contains($0.text) }
        return opening.first.map { Self.requestVerbs.contains($0.text) } ?? false
    }

    /// Words that open a question a yes or no cannot answer.
    static let questionWords: Set<String> = ["what", "which", "who", "whom", "whose", "when", "where", "why", "how"]

    /// Whether the last sentence of `input` (after the last `.`, `!`, `?`, `:` or line break before its closing
    /// question mark) opens with one of ``questionWords``.
    ///
    /// Walks back from the end by index: building the sentence reversed and reversing it again went through the
    /// standard library's generic paths, a twentieth of a ranker's CPU on clusters it had not seen (issue 14).
    static func opensWithQuestionWord(lastSentenceOf input: String) -> Bool {
        if let answer = Self.asciiOpensWithQuestionWord(lastSentenceOf: input) { return answer }
        var end = input.endIndex
        while end > input.startIndex {
            let before = input.index(before: end)
            guard input[before].isWhitespace || input[before] == "?" else { break }
            end = before
        }
        var start = end
        while start > input.startIndex {
            let before = input.index(before: start)
            if ".!?:\n".contains(input[before]) { break }
            start = before
        }
        let first = input[start..<end].split(whereSeparator: { !$0.isLetter }).first
        return first.map { Self.questionWords.contains($0.lowercased()) } ?? false
    }

    /// ``opensWithQuestionWord(lastSentenceOf:)`` of ASCII input, byte by byte, or `nil` for other input. In ASCII
    /// the one multi-byte `Character` is `"\r\n"`, white space (which it is), but not the line break `"\n"` that
    /// ends a sentence; letters are A-Z and a-z.
    static func asciiOpensWithQuestionWord(lastSentenceOf input: String) -> Bool? {
        var copy = input
        return copy.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var end = bytes.count
            while end > 0,
                bytes[end - 1] == UInt8(ascii: "?") || TextNormalization.isASCIIWhiteSpace(bytes[end - 1])
            {
                end -= 1
            }
            var start = end
            while start > 0 {
                let byte = bytes[start - 1]
                if byte == 0x0A, start >= 2, bytes[start - 2] == 0x0D {
                    start -= 2
                    continue
                }
                if byte == 0x0A || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                    || byte == UInt8(ascii: ":")
                {
                    break
                }
                start -= 1
            }
            func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
            guard let first = (start..<end).first(where: { isLetter(bytes[$0]) }) else { return false }
            var last = first
            while last < end, isLetter(bytes[last]) { last += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self)
            return Self.questionWords.contains(word.lowercased())
        }
    }

    /// Whether `tokens` have one question, with a question word (``questionWords``) and not opening with an auxiliary
    /// (``SharedAttribute/openers``).
    static func asksOpenQuestion(_ tokens: [Token]) -> Bool {
        guard let end = tokens.lastIndex(where: \.closesQuestion) else { return false }
        let start = Tokenizer.sentenceStart(of: end, in: tokens)
        return !tokens[..<start].contains(where: \.closesQuestion)
            && !SharedAttribute.openers.contains(tokens[start].text)
            && tokens[start...end].contains { Self.questionWords.contains($0.text) }
    }

    /// The differences between the distinct years (``OfferedChoice/isYear(_:)``) `tokens` state, the first 32 of
    /// them, as numbers are written.
    static func yearGaps(in tokens: [Token]) -> Set<String> {
        var years: [Int] = []
        for token in tokens where OfferedChoice.isYear(token) {
            guard let year = Int(token.text), !years.contains(year) else { continue }
            years.append(year)
            if years.count == 32 { break }
        }
        var gaps: Set<String> = []
        for (index, year) in years.enumerated() {
            for other in years[(index + 1)...] { gaps.insert(String(abs(year - other))) }
        }
        return gaps
    }

    /// The distinct content words of an input that offers alternatives (it has "or" and asks a question), else `nil`.
    static func offeredChoiceWords(in tokens: [Token]) -> Int? {
        guard tokens.contains(where: { $0.text == "or" }) else { return nil }
        let words = Set(tokens.lazy.filter { $0.text.count > 1 && !Stopwords.all.contains($0.text) }.map(\.normalized))
        return words.isEmpty ? nil : words.count
    }

    /// Whether `experience` can be answered: `metadata.answerable` when it is a boolean; else `false` when
    /// `metadata.kind` is `unanswerable`; else `false` when the reference is itself an abstention or refusal;
    /// else `true`. Logs that say nothing are taken as answerable, since the online side retrieved the context
    /// for the request: an unlabelled "I don't know" then counts as a refusal, the failure an optimiser that
    /// learned to decline would produce.
    static func answerability(of experience: Experience) -> Bool {
        if case .bool(let answerable) = experience.metadata["answerable"] { return answerable }
        if experience.metadata["kind"]?.stringValue?.lowercased() == "unanswerable" { return false }
        if let reference = experience.reference, !reference.isEmpty,
            NonAnswerPhrases.kind(of: reference).isNonAnswer
        {
            return false
        }
        return true
    }
}
