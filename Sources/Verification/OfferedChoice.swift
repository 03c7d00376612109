/// A question that names two alternatives and asks which came first or last ("Which band formed first, Oasis or
/// Blur?"), with the year the context gives each: the one kind of wrong pick between named alternatives that the
/// context decides by itself.
///
/// Word support cannot catch such a pick: the wrong alternative is named in the question and usually in the context
/// too, so "Oasis" is as grounded as "Blur". The dates decide it. Only questions about when something began are read
/// (formed, founded, born, released, ...: the first year the context states after a name is when it began), never one
/// about an end ("died", "closed", "disbanded"), whose year is not the first one stated.
struct OfferedChoice: Sendable, Hashable {
    /// The comparison forms only each alternative has, in the question's order (each non-empty).
    let options: [Set<String>]
    /// The alternatives as the question writes them, lowercased.
    let labels: [String]
    /// The index in ``options`` of the alternative the context's years make the answer.
    let answer: Int
    /// The cue words of the direction the question asks for (``earlierCues`` or ``laterCues``): a response that
    /// says "Blur formed earlier" to "Which band formed first?" restates the question in its own word.
    let askedCues: Set<String>

    /// Words asking for the earlier of the two.
    static let earlierCues: Set<String> = ["first", "earlier", "earliest", "older", "oldest", "sooner", "before"]
    /// Words asking for the later of the two.
    static let laterCues: Set<String> = [
        "later", "latest", "last", "newer", "newest", "younger", "youngest", "recent", "recently", "after",
    ]
    /// Words that make the question about an end, whose year is not the first one a context states.
    static let endWords: Set<String> = [
        "die", "died", "dies", "death", "dead", "closed", "close", "ended", "end", "dissolved", "disbanded",
        "retired", "demolished", "abolished", "split", "broke", "cancelled", "canceled",
    ]

    /// The choice `input` offers (its last question: a cue word, then "A or B"), decided by the years `context`
    /// gives each alternative, or `nil` when the question is not of that kind or the context does not decide it
    /// (an alternative it does not date, equal years, or an era before the common one).
    ///
    /// - Complexity: O(input + context tokens).
    init?(input: [Token], context: [Token]) {
        guard let or = input.lastIndex(where: { $0.text == "or" }), or > 0,
            let end = input[or...].firstIndex(where: \.closesQuestion), end > or
        else { return nil }
        var start = or
        while start > 0, !input[start].startsSentence { start -= 1 }
        let question = input[start...end]
        guard !question.contains(where: { Self.endWords.contains($0.text) }) else { return nil }
        func isCue(_ token: Token) -> Bool {
            Self.earlierCues.contains(token.text) || Self.laterCues.contains(token.text)
        }
        let asksEarlier = question.contains { Self.earlierCues.contains($0.text) }
        let asksLater = question.contains { Self.laterCues.contains($0.text) }
        guard asksEarlier != asksLater else { return nil }
        // The first alternative runs back from "or" to a comma or a cue word; the second to the question mark.
        var first = or - 1
        while first > start, input[first].joinedToPrevious, !isCue(input[first - 1]) { first -= 1 }
        let spans = [input[first..<or], input[(or + 1)...end]]
        let words = spans.map { span in
            Set(span.lazy.filter { $0.isContentWord && !$0.isNumber }.map(\.normalized))
        }
        let options = [words[0].subtracting(words[1]), words[1].subtracting(words[0])]
        guard options.allSatisfy({ !$0.isEmpty }),
            let firstYear = Self.year(of: options[0], other: options[1], in: context),
            let secondYear = Self.year(of: options[1], other: options[0], in: context),
            firstYear != secondYear
        else { return nil }
        self.options = options
        self.labels = spans.map { $0.map(\.text).joined(separator: " ") }
        self.answer = (firstYear < secondYear) == asksEarlier ? 0 : 1
        self.askedCues = asksEarlier ? Self.earlierCues : Self.laterCues
    }

    /// The first year (a four-digit number from 1000 to 2199) that the first context sentence stating all of
    /// `words` gives after them, else before them, else the first year of the next sentence when that sentence does not
    /// name `other` ("First for Women is a magazine ... The magazine was started in 1989."); `nil` when nothing
    /// dates them or the sentence counts years before the common era.
    static func year(of words: Set<String>, other: Set<String>, in context: [Token]) -> Int? {
        var sentences: [Range<Int>] = []
        var start = 0
        for index in context.indices.dropFirst() where context[index].startsSentence {
            sentences.append(start..<index)
            start = index
        }
        if !context.isEmpty { sentences.append(start..<context.count) }
        for (number, sentence) in sentences.enumerated() {
            var seen: Set<String> = []
            guard
                let named = sentence.first(where: { index in
                    if words.contains(context[index].normalized) { seen.insert(context[index].normalized) }
                    return seen.count == words.count
                })
            else { continue }
            if sentence.contains(where: { context[$0].text == "bc" || context[$0].text == "bce" }) { return nil }
            let years = sentence.filter { Self.isYear(context[$0]) }
            if let year = years.first(where: { $0 > named }) ?? years.last { return Int(context[year].text) }
            guard number + 1 < sentences.count else { return nil }
            let next = sentences[number + 1]
            if other.isSubset(of: next.lazy.map { context[$0].normalized }) { return nil }
            return next.first(where: { Self.isYear(context[$0]) }).flatMap { Int(context[$0].text) }
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

    /// The alternative a response picks against the context's years, as the question writes it, or `nil` when it
    /// picks the right one, names both or neither.
    func wrongPick(in tokens: [Token]) -> String? {
        let forms = Set(tokens.lazy.map(\.normalized))
        let named = self.options.indices.filter { self.options[$0].isSubset(of: forms) }
        guard named.count == 1, named[0] != self.answer else { return nil }
        return self.labels[named[0]]
    }
}
