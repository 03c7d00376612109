/// Which of the context's sentences can answer a two-step question, for telling its answer from the name the first
/// step passes through: "The director of Primer was born in which city?" over "Primer is a film directed by Shane
/// Carruth. It was shot in Dallas, Texas. Shane Carruth is a filmmaker born in Myrtle Beach." "Dallas, Texas" is
/// stated, so word support cannot see that it answers the wrong step.
///
/// The question's names ("Primer") pick its first step's sentences; its words after its last name that only other
/// sentences state ("born") name the relation it asks for. A one-sentence answer whose names the context states
/// only in sentences without that relation, at least one of them in the first step or right after it, answers the
/// wrong step. A question with "or" is left to ``OfferedChoice``; a question whose relation the first step's
/// sentences state, or whose relation sentences name nothing the question does not, decides nothing: the check
/// only speaks where the context separates the two steps. A description after the name can still read as a step
/// ("Who voiced Woody in the first entirely computer-animated feature film?"; `Benchmarks/README.md`).
struct AnswerHop: Sendable, Hashable {
    /// The comparison keys (``SentenceSupport/key(of:)``) of the question's words that sentences outside the first
    /// step state and none inside it does.
    let relationKeys: [String]
    /// The sentences of the first step: those stating a name of the question.
    let firstStep: Set<Int32>

    /// Reads the two steps of `input`'s question against `sentences`, or `nil` when the context does not separate
    /// them (no name of the question stated, or no word of it stated only outside those sentences).
    ///
    /// - Complexity: O(question words × the sentences stating each).
    init?(input: [Token], context: [Token], sentences: SentenceSupport) {
        var firstStep: Set<Int32> = []
        var lastName: Int?
        for (index, token) in input.enumerated()
        where Self.isName(at: index, in: input) && !Self.describesTheAnswer(at: index, in: input) {
            firstStep.formUnion(sentences.sentences(stating: SentenceSupport.key(of: token)))
            lastName = index
        }
        guard let lastName, !firstStep.isEmpty else { return nil }
        // The relation: the words after the question's last name ("... of Primer was born in which city?"), which
        // the first step's sentences do not state. Words before it describe the step ("the company co-founded by
        // Paul Allen"), and a sentence stating them besides the first step's need not hold the answer.
        var relationKeys: [String] = []
        for token in input[(lastName + 1)...] where token.isContentWord && !token.isNameWord {
            let key = SentenceSupport.key(of: token)
            let stating = sentences.sentences(stating: key)
            guard !stating.isEmpty, !stating.contains(where: firstStep.contains), !relationKeys.contains(key)
            else { continue }
            relationKeys.append(key)
        }
        guard !relationKeys.isEmpty else { return nil }
        // Only where a sentence stating the relation names something the question does not, an answer the context
        // offers instead: "It was her first novel about a port." describes the question's book ("Who wrote The
        // Harbour Light, the first novel about a port?"), it offers no rival to "Mara Quinlan wrote The Harbour Light."
        let questionKeys = Set(input.map(SentenceSupport.key(of:)))
        let rivalled = Tokenizer.sentenceRanges(of: context).enumerated().contains { sentence, range in
            let sentence = Int32(sentence)
            return !firstStep.contains(sentence)
                && relationKeys.contains { sentences.sentence(sentence, states: $0) }
                && range.contains { index in
                    (context[index].isNumber || Self.isName(at: index, in: context))
                        && !questionKeys.contains(SentenceSupport.key(of: context[index]))
                }
        }
        guard rivalled else { return nil }
        self.relationKeys = relationKeys
        self.firstStep = firstStep
        // What the context states the relation of, clause by clause: "born in Denison, Texas, in 1890 and raised in
        // Abilene, Kansas" pairs "born" with Denison, Texas and 1890, not with Abilene or Kansas.
        var relationObjects: Set<String> = []
        var clauseStart = 0
        for end in 1...context.count where end == context.count || Self.startsClause(at: end, in: context) {
            let clause = context[clauseStart..<end]
            clauseStart = end
            guard clause.contains(where: { relationKeys.contains(SentenceSupport.key(of: $0)) }) else { continue }
            for token in clause where token.isNumber || token.isNumberWord || token.isNameWord {
                relationObjects.insert(SentenceSupport.key(of: token))
            }
        }
        self.relationObjects = relationObjects
    }

    /// The keys of the names and numbers the context's clauses stating the relation hold.
    let relationObjects: Set<String>

    /// Whether a clause starts at `index`: a sentence's start, or a linking word that does not sit inside a name
    /// ("and raised in Abilene", not "Antigua and Barbuda").
    static func startsClause(at index: Int, in tokens: [Token]) -> Bool {
        let token = tokens[index]
        if token.startsSentence { return true }
        guard Self.clauseLinks.contains(token.text) else { return false }
        let inName =
            index > 0 && index + 1 < tokens.count && tokens[index - 1].isNameWord && tokens[index + 1].isNameWord
            && tokens[index + 1].isCapitalised
        return !inName
    }

    /// Words that open a new clause, whose relation is its own.
    static let clauseLinks: Set<String> = ["and", "but", "while", "whereas", "although", "though"]

    /// The name or number an answer pairs with the relation ("was born in Kansas") when no clause of the context
    /// pairs them, though the context states it elsewhere: "Since he was raised in Abilene, Eisenhower was born in
    /// Kansas." over "born in Denison, Texas, in 1890 and raised in Abilene, Kansas". Names the question states are
    /// left out; a name the context never states is another rule's business.
    func unpairedObject(in tokens: [Token], sentences: SentenceSupport, question: SupportIndex) -> String? {
        for (index, token) in tokens.enumerated() where self.relationKeys.contains(SentenceSupport.key(of: token)) {
            // The object: the first name or number within three words after the relation word, in its clause.
            let window = (index + 1)..<min(tokens.count, index + 4)
            guard
                let start = window.prefix(while: { !Self.startsClause(at: $0, in: tokens) })
                    .first(where: { tokens[$0].isNumber || tokens[$0].isNameWord })
            else { continue }
            let span = tokens[Self.span(at: start, in: tokens)]
            let keys = span.map(SentenceSupport.key(of:))
            guard !span.allSatisfy(question.supports), !keys.contains(where: self.relationObjects.contains),
                keys.allSatisfy({ !sentences.sentences(stating: $0).isEmpty })
            else { continue }
            return span.map(\.text).joined(separator: " ")
        }
        return nil
    }

    /// Whether the name word at `index` belongs to the question's answer type ("in which U.S. state", "which Scottish
    /// city"): it describes the answer, so it picks no sentence of the first step and the relation reads past it.
    static func describesTheAnswer(at index: Int, in tokens: [Token]) -> Bool {
        var before = index - 1
        while before >= 0, tokens[before].isNameWord, tokens[before + 1].joinedToPrevious { before -= 1 }
        return before >= 0 && ["which", "what"].contains(tokens[before].text)
    }

    /// The name or number starting at `index`: a number alone, a name with the name words joined to it in its sentence
    /// ("Frank Lloyd Wright").
    static func span(at index: Int, in tokens: [Token]) -> Range<Int> {
        var end = index + 1
        while tokens[index].isNameWord, end < tokens.count, tokens[end].isNameWord, tokens[end].joinedToPrevious,
            !tokens[end].startsSentence
        {
            end += 1
        }
        return index..<end
    }

    /// Whether the token at `index` is a name word, and not a sentence's first word unless a name word follows it
    /// ("Near which city ...?" names nothing).
    static func isName(at index: Int, in tokens: [Token]) -> Bool {
        guard tokens[index].isNameWord else { return false }
        guard tokens[index].startsSentence else { return true }
        return index + 1 < tokens.count && tokens[index + 1].isNameWord && tokens[index + 1].joinedToPrevious
    }

    /// The first name (or number) of `tokens`, as written (lowercased), when no sentence of `sentences` that states a
    /// name of `tokens` states the relation, and a sentence of the first step (or right after one) states one of
    /// them; else `nil`. Names the question states, and names no single sentence states (another rule's business),
    /// are left out.
    func strayName(in tokens: [Token], sentences: SentenceSupport, question: SupportIndex) -> String? {
        var first: String?
        var nearFirstStep = false
        var start = 0
        while start < tokens.count {
            guard tokens[start].isNameWord || tokens[start].isNumber else {
                start += 1
                continue
            }
            let range = Self.span(at: start, in: tokens)
            let span = tokens[range]
            start = range.upperBound
            guard !span.allSatisfy(question.supports) else { continue }
            // The sentences that mention the span: "Fowler was born in 1817" mentions "Sir John Fowler".
            var mentioning: Set<Int32> = []
            for token in span { mentioning.formUnion(sentences.sentences(stating: SentenceSupport.key(of: token))) }
            guard !mentioning.isEmpty else { continue }
            if mentioning.contains(where: self.statesRelation(in: sentences)) {
                // The bridge: what the first step leads to and the relation is stated of ("Frank Lloyd Wright" in
                // "Since Fallingwater is in Pennsylvania, Frank Lloyd Wright was born in Pennsylvania.") says
                // nothing about the answer; any other name the relation's sentences state may be it.
                if mentioning.contains(where: self.firstStep.contains) { continue }
                return nil
            }
            if mentioning.contains(where: { self.firstStep.contains($0) || self.firstStep.contains($0 - 1) }) {
                nearFirstStep = true
            }
            if first == nil { first = span.map(\.text).joined(separator: " ") }
        }
        return nearFirstStep ? first : nil
    }

    /// Whether a sentence states one of the relation's words.
    private func statesRelation(in sentences: SentenceSupport) -> (Int32) -> Bool {
        { sentence in self.relationKeys.contains { sentences.sentence(sentence, states: $0) } }
    }
}
