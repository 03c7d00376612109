/// Sentences of a response that claim nothing, so their words are not held against the support:
///
/// - **Courtesy** ("Let me know if you need anything else!", "Hope this helps.", "Have a great day!", "I'm here to
///   help."), which chat models add around an answer: as claims they made a right answer with a polite close look half
///   invented. A sentence is courtesy when it opens with one of ``openings`` (after "please", "and", "so", "also",
///   "just", "i" or "we")
///   and has no number and no name (a capitalised word other than its first and "I"), so "If you have any receipt
///   from March, returns take 30 days." stays a claim.
/// - **Lead-ins** ("Here are the prices:", at the end of a line, before a list), under the plain question's conditions.
/// - **Greetings** ("Hello!", "Good morning, dear customer."): a sentence made only of ``greetingWords``.
/// - **Plain questions** ("Have you seen any of his other films?"), which ask rather than state; HaluEval's human
///   dialogue answers often end with one. A question stays a claim when it has a number, a name nothing supports,
///   or opens with "did you know"/"do you know", which state what they ask about.
enum NonClaimSentences {
    /// Openings of courtesy sentences, as lowercased words.
    static let openings: [[String]] = [
        "let me know", "let us know", "hope this helps", "hope that helps", "hope it helps", "hope this answers",
        "hope that answers", "feel free", "have a great", "have a nice", "have a good", "have a wonderful",
        "if you have any", "if you have other", "if you have more", "if you need any", "if you need anything",
        "if you need more", "if you need further", "if there's anything", "if there is anything",
        "is there anything else", "anything else i can", "happy to help", "glad to help", "glad i could help",
        "always happy to", "you're welcome", "you are welcome", "thanks for asking", "thank you for asking",
        "thanks for your question", "thank you for your question", "thanks for reaching out",
        "thank you for reaching out", "don't hesitate", "do not hesitate", "i'm here to help", "i am here to help",
        "i'm ready to help", "i am ready to help", "i'm ready to assist", "i am ready to assist", "happy to assist",
        "glad to assist", "i'd be happy to help", "i would be happy to help",
    ].map { $0.split(separator: " ").map(String.init) }

    /// The words a greeting sentence is made of.
    static let greetingWords: Set<String> = [
        "hi", "hello", "hey", "greetings", "there", "good", "morning", "afternoon", "evening", "day", "dear",
        "customer", "friend", "everyone", "all",
    ]

    /// Words that may precede an opening.
    static let lead: Set<String> = ["please", "and", "so", "also", "just", "i", "we"]

    /// The first words of ``openings`` and ``lead``: a sentence starting with none of them is not courtesy.
    static let firstWords: Set<String> = Set(Self.openings.map { $0[0] }).union(Self.lead)

    /// For each token, whether it belongs to a sentence that claims nothing; empty when none does (the common case,
    /// which then allocates nothing). `supported` says whether the support states a token.
    ///
    /// - Complexity: O(n) in the tokens (the openings are a fixed list of short phrases).
    static func mask(_ tokens: [Token], supported: (Token) -> Bool) -> [Bool] {
        var mask: [Bool] = []
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count && !tokens[end].startsSentence { end += 1 }
            if ((tokens[end - 1].closesQuestion || tokens[end - 1].closesLeadIn)
                && Self.asksOnly(tokens[start..<end], supported: supported))
                || (Self.firstWords.contains(tokens[start].text) && Self.isCourtesy(tokens[start..<end]))
                || tokens[start..<end].allSatisfy({ Self.greetingWords.contains($0.text) })
            {
                if mask.isEmpty { mask = [Bool](repeating: false, count: tokens.count) }
                for index in start..<end { mask[index] = true }
            }
            start = end
        }
        return mask
    }

    /// Whether the token at `index` belongs to a sentence that claims nothing, given `mask` from
    /// ``mask(_:supported:)``.
    static func contains(_ mask: [Bool], _ index: Int) -> Bool {
        !mask.isEmpty && mask[index]
    }

    /// Whether a question (a sentence ending in `?`) only asks.
    static func asksOnly(_ sentence: ArraySlice<Token>, supported: (Token) -> Bool) -> Bool {
        let words = sentence.map(\.text)
        if words.starts(with: ["did", "you", "know"]) || words.starts(with: ["do", "you", "know"]) { return false }
        return !Self.statesANumber(sentence)
            && !sentence.dropFirst().contains { $0.isCapitalised && $0.text != "i" && !supported($0) }
    }

    /// Whether a sentence is courtesy.
    static func isCourtesy(_ sentence: ArraySlice<Token>) -> Bool {
        let opening = sentence.drop { Self.lead.contains($0.text) }
        guard
            Self.openings.contains(where: { phrase in
                phrase.count <= opening.count && zip(phrase, opening).allSatisfy { $0 == $1.text }
            })
        else {
            return false
        }
        return !Self.statesANumber(sentence)
            && !sentence.dropFirst().contains { $0.isCapitalised && $0.text != "i" && !$0.text.hasPrefix("i'") }
    }

    /// Whether a sentence has a number or a number word: then it says how many, which is a claim.
    static func statesANumber(_ sentence: ArraySlice<Token>) -> Bool {
        sentence.contains { $0.isNumber || $0.isNumberWord }
    }
}
