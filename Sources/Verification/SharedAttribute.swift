/// A yes/no question whether two things share an attribute ("Are Giuseppe Verdi and Ambroise Thomas both opera
/// composers?") that the context answers yes: the sentence naming each of them states every word of the attribute.
///
/// A "No" to it is as grounded as the "Yes", word for word, so only the context's sentences can tell. Only a yes is
/// ever read from the context: a sentence that does not state the attribute may still imply it ("English" for
/// "British"), so a missing word decides nothing.
struct SharedAttribute: Sendable, Hashable {
    /// Auxiliaries a yes/no question opens with.
    static let openers: Set<String> = ["are", "were", "is", "was", "do", "does", "did", "have", "has"]
    /// Words that undo what a sentence states about a thing.
    static let negations: Set<String> = ["not", "never", "no", "unlike", "neither", "nor", "except"]

    /// Whether `token` is one of ``negations`` or ends in "n't".
    static func negates(_ token: Token) -> Bool {
        Self.negations.contains(token.text) || token.text.hasSuffix("n't")
    }

    /// The shared attribute `input` asks about, when its last question reads "Are A and B both ...?" and the first
    /// context sentence naming each of A and B states every content word after "both" without a negation; else
    /// `nil`.
    ///
    /// - Complexity: O(input + context tokens).
    init?(input: [Token], context: [Token]) {
        guard let both = input.lastIndex(where: { $0.text == "both" }),
            let end = input[both...].firstIndex(where: \.closesQuestion), end > both
        else { return nil }
        let start = Tokenizer.sentenceStart(of: both, in: input)
        guard Self.openers.contains(input[start].text),
            let and = input[start..<both].lastIndex(where: { $0.text == "and" }), and > start + 1, and < both - 1
        else { return nil }
        let first = Tokenizer.contentForms(of: input[(start + 1)..<and])
        let second = Tokenizer.contentForms(of: input[(and + 1)..<both])
        let attribute = Tokenizer.contentForms(of: input[(both + 1)...end])
        guard !first.isEmpty, !second.isEmpty, !attribute.isEmpty, first.isDisjoint(with: second) else { return nil }
        let sentences = Tokenizer.sentenceRanges(of: context)
        guard Self.statesAttribute(of: first, attribute, in: context, sentences: sentences),
            Self.statesAttribute(of: second, attribute, in: context, sentences: sentences)
        else { return nil }
    }

    /// Whether the first context sentence (of `sentences`, ``Tokenizer/sentenceRanges(of:)``) stating all of `thing`
    /// states all of `attribute` and no negation.
    static func statesAttribute(
        of thing: Set<String>, _ attribute: Set<String>, in context: [Token], sentences: [Range<Int>]
    ) -> Bool {
        for sentence in sentences {
            let forms = Set(context[sentence].lazy.map(\.normalized))
            if thing.isSubset(of: forms) {
                return attribute.isSubset(of: forms) && !context[sentence].contains(where: Self.negates)
            }
        }
        return false
    }

    /// Whether `tokens` answer no: the response opens with a "no" that stands alone ("No.", "No, they are not
    /// both ...") or with "not both"; "No doubt, both are ..." and "No problem" deny nothing.
    func deniedBy(_ tokens: [Token]) -> Bool {
        Self.answer(openingWith: tokens) == false
            || (tokens.first?.text == "not" && tokens.dropFirst().first?.text == "both")
    }

    /// The yes or no a response opens with, standing alone ("Yes.", "No, it is not"; not "No doubt ..."), else
    /// `nil`.
    static func answer(openingWith tokens: [Token]) -> Bool? {
        guard let first = tokens.first, first.text == "yes" || first.text == "no" else { return nil }
        if let next = tokens.dropFirst().first, next.joinedToPrevious { return nil }
        return first.text == "yes"
    }
}
