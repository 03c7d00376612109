import Foundation

/// A kind of instruction a system prompt can contain (a grounding rule, an abstention rule, a length budget, ...),
/// with the phrases that reveal it. It is the one detector of instructions: the simulator finds an effect table's
/// family-named instructions with it (so any phrasing it recognises has its effect, as it would with a real
/// model), the patch generator never adds a rule a prompt already has, and the ranker tells what a patch adds or
/// removes.
///
/// Presence is lexical, on ``TextNormalization/normalized(_:)`` text, at two strengths:
/// - **explicit**: one of the family's `phrases` is a substring;
/// - **equivalent**: some sentence contains every word of one of the family's `keywordSets` (a keyword of four or
///   more letters also matches words it prefixes, so `fabricat` matches `fabricated`).
/// Either strength counts as "the prompt has it" (for the simulator, and for the generator: a new rule would
/// duplicate it); an equivalent but not explicit clause is what the clarification strategy rewrites.
///
/// Raw values are the instruction names an effect table uses for the family (`EffectTable.default` names six).
package enum InstructionFamily: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Answer only from the context; do not make things up.
    case grounding
    /// Say you don't know when the context does not contain the answer.
    case abstention
    /// A length budget: be concise, at most N words.
    case concision
    /// An explicit output-format contract.
    case formatContract = "format_contract"
    /// Answer every part of the question.
    case completeness
    /// Quote numbers exactly; double-check them.
    case numbersCheck = "numbers_check"
    /// Answer whenever the context supports an answer; decline only what is unsafe (an anti-refusal scope).
    case answerScope = "answer_scope"
    /// Always answer / never say you don't know (the opposite of abstention).
    case alwaysAnswer = "always_answer"

    /// Every (added, present) pair of contradicting families that adding `added` to a prompt holding `present` would
    /// create, in family order, so the generator, the ranker and the trainer judge contradictions alike.
    package static func contradictions(
        adding added: some Sequence<InstructionFamily>, to present: Set<InstructionFamily>
    ) -> [(added: InstructionFamily, present: InstructionFamily)] {
        Set(added).sorted().flatMap { family in family.conflicts.intersection(present).sorted().map { (family, $0) } }
    }

    /// The family's name for people ("answer scope").
    package var readableName: String { String(self.rawValue.map { $0 == "_" ? " " : $0 }) }

    package static func < (lhs: InstructionFamily, rhs: InstructionFamily) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }

    /// Normalised phrases that state the instruction explicitly.
    package var phrases: [String] {
        switch self {
        case .grounding:
            [
                "only use the context", "use only the context", "only the provided context", "only use the provided",
                "based only on", "answer only from", "only from the context", "do not make up", "do not invent",
                "never invent", "cite the context", "stick to the context", "grounded in the context",
                "do not fabricate", "never fabricate", "never make up", "rely only on",
            ]
        case .abstention:
            [
                "say you do not know", "say \"i do not know\"", "say i do not know", "if the context does not",
                "if the answer is not in", "if you are not sure", "if unsure", "admit when you do not know",
                "admit you do not know",
            ]
        case .concision:
            [
                "be concise", "be brief", "keep it short", "keep answers short", "short answer", "no more than",
                "at most", "words or fewer", "one sentence", "two sentences",
            ]
        case .formatContract:
            [
                "respond in json", "reply in json", "valid json", "json object", "use bullet", "bullet points",
                "follow the output format", "follow this format", "output format",
            ]
        case .completeness:
            [
                "answer every part", "address every part", "address all parts", "complete answer", "answer fully",
                "be thorough", "in full detail",
            ]
        case .numbersCheck:
            ["double-check numbers", "double check numbers", "quote numbers exactly", "copy numbers"]
        case .answerScope:
            ["decline only", "refuse only", "answer whenever the context"]
        case .alwaysAnswer:
            ["always answer", "never say you do not know", "never refuse", "always give an answer"]
        }
    }

    /// Keyword sets: a sentence containing every word of one set states the instruction in other words.
    package var keywordSets: [[String]] {
        switch self {
        case .grounding:
            [
                ["only", "context"], ["only", "provided"], ["only", "sources"], ["not", "invent"],
                ["never", "invent"], ["not", "make", "up"], ["never", "make", "up"], ["not", "fabricat"],
                ["never", "fabricat"], ["cite", "context"], ["grounded"], ["supported", "by", "context"],
            ]
        case .abstention:
            [
                ["say", "not", "know"], ["admit", "not", "know"], ["if", "unsure"], ["if", "not", "sure"],
                ["if", "context", "not", "contain"], ["if", "answer", "not", "in"], ["if", "uncertain"],
            ]
        case .concision:
            [
                ["concise"], ["brief"], ["succinct"], ["short"], ["no", "more", "than", "words"],
                ["at", "most", "words"], ["at", "most", "sentences"], ["one", "sentence"], ["word", "limit"],
            ]
        case .formatContract:
            [["json"], ["bullet"], ["output", "format"], ["follow", "format"], ["markdown", "table"]]
        case .completeness:
            [
                ["every", "part"], ["all", "parts"], ["thorough"], ["complete", "answer"], ["answer", "fully"],
                ["full", "detail"],
            ]
        case .numbersCheck:
            [
                ["number", "exact"], ["check", "number"], ["copy", "number"], ["quote", "number"],
                ["figures", "exact"],
            ]
        case .answerScope:
            [["decline", "only"], ["refuse", "only"], ["answer", "whenever"]]
        case .alwaysAnswer:
            [["always", "answer"], ["never", "say", "not", "know"], ["never", "refuse"]]
        }
    }

    /// Families that pull the other way: a prompt with both asks for contradictory things (say "I don't know" when
    /// the context is silent, yet answer every ordinary question). The ranker marks a patch that adds one beside the
    /// other (`Clarity`); the template generator places such a rule as a `replace` of the contradicted sentence
    /// instead (`TemplatePatchWriter`).
    package var conflicts: Set<InstructionFamily> {
        switch self {
        case .concision: [.completeness]
        case .completeness: [.concision]
        case .abstention: [.alwaysAnswer, .answerScope]
        case .alwaysAnswer, .answerScope: [.abstention]
        default: []
        }
    }

    /// Whether `text` states this instruction explicitly (one of ``phrases``).
    package func isExplicit(in text: String) -> Bool {
        self.detector.isExplicit(inNormalized: TextNormalization.normalized(text))
    }

    /// The first sentence of `text` that states this instruction explicitly or in other words, as a range of
    /// `text`, or `nil`.
    ///
    /// - Complexity: O(sentences × keyword sets).
    package func matchingSentence(in text: String) -> Range<String.Index>? {
        TextNormalization.sentenceRanges(text).first { self.matches(sentence: String(text[$0])) }
    }

    /// Whether `text` contains the instruction at either strength.
    package func isPresent(in text: String) -> Bool {
        self.isExplicit(in: text) || self.matchingSentence(in: text) != nil
    }

    /// Whether one sentence states the instruction, explicitly or in other words.
    package func matches(sentence: String) -> Bool {
        let normalized = TextNormalization.normalized(sentence)
        return self.detector.isExplicit(inNormalized: normalized)
            || self.detector.hasKeywordSet(in: TextNormalization.words(normalized))
    }

    /// Every family present in `text` (``isPresent(in:)`` for each), normalising the text and each sentence once
    /// rather than once per family: the ranker asks this of every candidate and its base prompt.
    ///
    /// A sentence's explicit phrase is also a phrase of the whole text (a sentence is a piece of the text, and no
    /// phrase spans a sentence break), so sentences are only searched for keyword sets.
    ///
    /// - Complexity: O(text length + sentences × families × keyword sets).
    package static func present(in text: String) -> Set<InstructionFamily> {
        let normalized = TextNormalization.normalized(text)
        var found = Self.index.explicitFamilies(inNormalized: normalized)
        guard found.count < Self.allCases.count else { return Set(found.map { Self.allCases[$0] }) }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            Self.addKeywordFamilies(of: TextNormalization.sentences(text).map(TextNormalization.normalized), to: &found)
            return Set(found.map { Self.allCases[$0] })
        }
        // In ASCII text, normalising changes no sentence break (lowercasing and expanding "n't" touch no `.!?;`,
        // whitespace or line break), so the normalised text's sentences are the normalised sentences; their words
        // are read in place, as bytes (what ``presentByWords(in:)`` finds, without a `String` per word).
        var bytes = normalized
        bytes.withUTF8 { bytes in
            for sentence in TextNormalization.asciiSentenceOffsets(bytes) {
                var mask = InstructionIndex.KeywordMask()
                TextNormalization.forEachASCIIWord(in: bytes, sentence) { word in
                    mask.formUnion(Self.index.asciiKeywordMask(of: UnsafeBufferPointer(rebasing: bytes[word])))
                }
                Self.index.addFamilies(holding: mask, to: &found)
            }
        }
        return Set(found.map { Self.allCases[$0] })
    }

    /// ``present(in:)`` of `joined`, which is `base` (without its trailing white space) and `patch` joined by one
    /// space or line break, as an `append` patch makes it, from the families of the two parts when the join can
    /// neither split nor make a sentence or a phrase: both parts ASCII, the base ending a sentence (`.`, `!`, `?` or
    /// `;`) or the join a line break, and no phrase holding a sentence break or starting or ending with a space.
    /// Otherwise, or when `joined` is not such a join, `joined` is analysed whole. The ranker asks this of every
    /// candidate, whose base prompt and patch it has already analysed.
    package static func present(
        inJoined joined: String, base: String, baseFamilies: Set<InstructionFamily>, patch: String,
        patchFamilies: Set<InstructionFamily>
    ) -> Set<InstructionFamily> {
        guard Self.index.phrasesStayInSentences, Self.isJoin(joined, of: base, and: patch) else {
            return Self.present(in: joined)
        }
        return baseFamilies.union(patchFamilies)
    }

    /// Whether `joined` is ASCII `base`, trimmed of white space at its end and ending a sentence, then one space or
    /// line break, then ASCII `patch`; or the same with a line break whatever the base ends with.
    static func isJoin(_ joined: String, of base: String, and patch: String) -> Bool {
        var joined = joined
        var base = base
        var patch = patch
        return joined.withUTF8 { joined in
            base.withUTF8 { base in
                patch.withUTF8 { patch in
                    var end = base.count
                    while end > 0, TextNormalization.isASCIIWhiteSpace(base[end - 1]) { end -= 1 }
                    guard end > 0, joined.count == end + 1 + patch.count,
                        base.allSatisfy({ $0 < 0x80 }), patch.allSatisfy({ $0 < 0x80 }),
                        UnsafeBufferPointer(rebasing: joined[..<end]).elementsEqual(
                            UnsafeBufferPointer(rebasing: base[..<end])),
                        UnsafeBufferPointer(rebasing: joined[(end + 1)...]).elementsEqual(patch)
                    else { return false }
                    let separator = joined[end]
                    let last = base[end - 1]
                    return separator == UInt8(ascii: "\n")
                        || (separator == UInt8(ascii: " ") && TextNormalization.isASCIISentenceMark(last))
                }
            }
        }
    }

    /// ``present(in:)`` with every sentence's words made into `String`s: the reference the byte path is tested
    /// against.
    static func presentByWords(in text: String) -> Set<InstructionFamily> {
        let normalized = TextNormalization.normalized(text)
        var found = Self.index.explicitFamilies(inNormalized: normalized)
        guard found.count < Self.allCases.count else { return Set(found.map { Self.allCases[$0] }) }
        let sentences =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? TextNormalization.sentences(normalized)
            : TextNormalization.sentences(text).map(TextNormalization.normalized)
        Self.addKeywordFamilies(of: sentences, to: &found)
        return Set(found.map { Self.allCases[$0] })
    }

    /// Adds to `found` the families (indices) whose keyword sets one of the normalised `sentences` holds.
    private static func addKeywordFamilies(of sentences: [String], to found: inout Set<Int>) {
        for sentence in sentences {
            Self.index.addFamilies(holding: Self.index.keywordMask(of: TextNormalization.words(sentence)), to: &found)
        }
    }

    /// Every family's phrases and keyword sets, compiled once for ``present(in:)``.
    private static let index = InstructionIndex()

    /// The family's phrases and keyword sets in the form the search needs, made once: the lists above are built
    /// afresh on every access, and detection runs for every sentence of every prompt a rank looks at.
    private var detector: InstructionDetection { Self.detectors[Self.allCases.firstIndex(of: self)!] }

    private static let detectors = Self.allCases.map(InstructionDetection.init)
}
