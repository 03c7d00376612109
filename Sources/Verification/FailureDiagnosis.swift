import Foundation
import LanguageModels

/// A response's kind, failure modes and relevance, read from its wording, its grounding and its parts
/// (the rules are in `Docs/verifier.md`, "Failure modes").
struct FailureDiagnosis: Sendable, Hashable {
    var kind: ResponseKind
    /// For a non-answer, the sentence whose wording made it one ("I could not find that in the documents.").
    var verdictSentence: Substring?
    var failures: [ResponseFailure]
    /// The `relevance` part.
    var relevance: Double

    /// Words that open a direct answer to a yes/no question, which may then repeat the question's words.
    static let directOpeners: Set<String> = ["yes", "no", "yeah", "yep", "nope", "sure", "correct", "indeed"]

    /// - Complexity: O(n) in the output's tokens.
    init(
        output: String, tokens: [Token], prepared: PreparedExperience, parts: RewardParts, hallucination: Bool,
        cutAtTokenCap: Bool, rules: FailureRules
    ) {
        let trimmed = TextNormalization.trimmed(output)
        let evidence = Evidence(tokens, prepared: prepared)
        (self.kind, self.verdictSentence) = Self.kind(of: trimmed, prepared: prepared)
        var failures: Set<ResponseFailure> = []
        if tokens.isEmpty {
            // Empty, or only punctuation, symbols or emoji ("...", "😀"): nothing was said.
            failures.insert(.unanswered)
        } else if self.kind.isNonAnswer {
            if prepared.answerable { failures.insert(.refusal) }
        } else {
            // Only an answer makes claims: a refusal that names an unsupported topic ("pricing") invents nothing.
            if hallucination { failures.insert(.hallucination) }
            if !prepared.answerable { failures.insert(.missedAbstention) }
            let incomplete =
                (cutAtTokenCap && Self.showsTheCut(trimmed, parts: parts, rules: rules))
                || Self.isIncomplete(trimmed, tokens: tokens, prepared: prepared, parts: parts, rules: rules)
            if incomplete { failures.insert(.incomplete) }
            if prepared.hasContext
                && (Self.onlyAsksBack(trimmed, prepared: prepared)
                    || Self.statesNothing(tokens, evidence: evidence, prepared: prepared)
                    || (!incomplete
                        && Self.echoesOrStrays(tokens, evidence: evidence, prepared: prepared, rules: rules)))
            {
                failures.insert(.unanswered)
            }
            // An answer to an open question without the value the reference gives (nor a failure that explains it)
            // answers another question: "The Meridian Pro is made in Canada." to "What warranty comes with the
            // Meridian Pro?" over "... comes with a 3-year warranty.", true and so a success before.
            if !incomplete && !hallucination, let values = prepared.referenceValues,
                !tokens.contains(where: { $0.valueForms.contains(where: values.contains) })
            {
                failures.insert(.unanswered)
            }
        }
        if parts.length < rules.verboseBelow { failures.insert(.verbose) }
        if let format = parts.format, format < rules.formatBelow { failures.insert(.format) }
        self.failures = failures.sorted()

        self.relevance = failures.contains(.unanswered) || failures.contains(.refusal) ? 0 : 1
    }

    /// The kind the first sentence says, where a response puts its verdict: a non-answer phrase there, with at most
    /// ``NonAnswerPhrases/maximumEvidence`` facts from the context in that sentence, makes an abstention or a refusal
    /// ("I don't know: the context does not say. Also, ..." is a padded abstention); a hedge that goes on to give
    /// the context's facts ("I'm not sure, but it has 12 people") is an answer.
    static func kind(of trimmed: String, prepared: PreparedExperience) -> (ResponseKind, Substring?) {
        // The first sentence with a letter (a fence or other markup line does not hide the verdict) that is not a
        // preamble: "I'm sorry. I don't have that information." declines in its second sentence.
        for sentence in Self.sentences(of: trimmed) where sentence.contains(where: \.isLetter) {
            let text = String(sentence)
            let kind = NonAnswerPhrases.kind(of: text)
            if kind.isNonAnswer {
                let facts = Evidence(Tokenizer.tokens(of: text), prepared: prepared).contextFacts
                return facts <= NonAnswerPhrases.maximumEvidence ? (kind, sentence) : (.answer, nil)
            }
            if !Self.isPreamble(text) { return (.answer, nil) }
        }
        return (.answer, nil)
    }

    /// Words of a sentence that only apologises, hesitates or greets before the verdict ("I'm sorry.", "Hmm.",
    /// "Sorry for the wait.", "Good question!"), besides stopwords and greetings.
    static let preambleWords: Set<String> = [
        "sorry", "apologize", "apologise", "apologies", "apology", "unfortunately", "afraid", "hmm", "hm", "um",
        "uh", "er", "wait", "patience", "confusion", "inconvenience",
    ]

    /// The longest preamble sentence, in UTF-8 bytes ("I'm so sorry for the inconvenience and the confusion." is 54).
    static let longestPreamble = 80

    /// Whether `sentence` is a preamble: words, none a number or a direct answer ("Yes, it is!" answers), each a
    /// stopword, a greeting or one of ``preambleWords``.
    static func isPreamble(_ sentence: String) -> Bool {
        // A preamble is short; most first sentences are not, and need no tokenising to tell.
        guard sentence.utf8.count <= Self.longestPreamble else { return false }
        let tokens = Tokenizer.tokens(of: sentence)
        return !tokens.isEmpty
            && tokens.allSatisfy {
                !$0.isNumber && !Self.directOpeners.contains($0.text)
                    && (Stopwords.all.contains($0.text) || Self.preambleWords.contains($0.text)
                        || NonClaimSentences.greetingWords.contains($0.text))
            }
    }

    /// The sentences of `text`, each with its closing `.`, `!` or `?`: a sentence ends at such a mark followed by
    /// white space, and at a line break (so "3.5" stays whole).
    static func sentences(of text: String) -> [Substring] {
        Self.asciiSentences(of: text) ?? Self.sentencesByCharacter(of: text)
    }

    /// ``sentences(of:)`` of any text, `Character` by `Character`.
    static func sentencesByCharacter(of text: String) -> [Substring] {
        var sentences: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let closes = ".!?".contains(character) && (next == text.endIndex || text[next].isWhitespace)
            let ends = character.isNewline || closes
            if ends {
                let sentence = TextNormalization.trimmed(
                    text[start..<(character.isNewline ? index : next)], newlines: false)
                if !sentence.isEmpty { sentences.append(Substring(sentence)) }
                start = next
            }
            index = next
        }
        let rest = TextNormalization.trimmed(text[start...], newlines: false)
        if !rest.isEmpty { sentences.append(Substring(rest)) }
        return sentences
    }

    /// ``sentences(of:)`` of ASCII text, byte by byte (the `Character` walk was a tenth of a clustering's CPU, issue
    /// 14), or `nil` for other text. In ASCII the one multi-byte `Character` is `"\r\n"`; line breaks are line feed
    /// through carriage return; white space after a mark is tab through carriage return, and space; the trimmed
    /// white space is space and tab (Foundation's `.whitespaces`).
    static func asciiSentences(of text: String) -> [Substring]? {
        var copy = text
        let offsets = copy.withUTF8 { bytes -> [Range<Int>]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var ranges: [Range<Int>] = []
            var start = 0
            func close(at end: Int) {
                var lower = start
                var upper = end
                while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
                while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
                if lower < upper { ranges.append(lower..<upper) }
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if (0x0A...0x0D).contains(byte) {
                    close(at: index)
                    let crlf = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
                    index += crlf ? 2 : 1
                    start = index
                    continue
                }
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?"),
                    index + 1 == bytes.count || TextNormalization.isASCIIWhiteSpace(bytes[index + 1])
                {
                    close(at: index + 1)
                    start = index + 1
                }
                index += 1
            }
            close(at: bytes.count)
            return ranges
        }
        guard let offsets else { return nil }
        let utf8 = text.utf8
        return offsets.map { range in
            text[
                utf8.index(
                    utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                        utf8.startIndex, offsetBy: range.upperBound)]
        }
    }

    /// What a response takes from where: content words, those the input supports, those anything supports, and the
    /// distinct words and numbers that only the context supplies.
    struct Evidence: Sendable, Hashable {
        var content = 0
        var fromInput = 0
        var supported = 0
        var numbers = 0
        /// Distinct words and numbers the context supports and the input does not: facts taken from the context.
        var contextFacts = 0
        /// Capitalised words inside a sentence that the input does not state: names the response adds, as an answer
        /// does ("James Henry Miller's wife was British."), rightly or not.
        var newNames = 0

        init(_ tokens: [Token], prepared: PreparedExperience) {
            var facts: Set<String> = []
            for token in tokens where token.isContentWord {
                let inInput = prepared.inputSupport.supports(token)
                let inSupport = prepared.support.supports(token)
                if token.isNumber {
                    self.numbers += 1
                } else {
                    self.content += 1
                    if inInput { self.fromInput += 1 }
                    if inSupport { self.supported += 1 }
                }
                if inSupport && !inInput { facts.insert(token.normalized) }
                if token.isCapitalised && !token.startsSentence && !token.isNumber && !inInput { self.newNames += 1 }
            }
            self.contextFacts = facts.count
        }
    }

    /// The response asks something back and its statements (the sentences that are not questions) take nothing
    /// from the context: "How big is the team at the Ghent store, you ask?", "Northwind, you say? What is it?".
    static func onlyAsksBack(_ trimmed: String, prepared: PreparedExperience) -> Bool {
        let sentences = Self.sentences(of: trimmed)
        guard sentences.contains(where: { $0.hasSuffix("?") }) else { return false }
        let statements = sentences.filter { !$0.hasSuffix("?") }.joined(separator: " ")
        return Evidence(Tokenizer.tokens(of: statements), prepared: prepared).contextFacts == 0
    }

    /// The user asked something and the response, taking nothing from the context, states nothing: it is only
    /// pleasantries, each of its sentences a greeting, a courtesy ("Let me know if you need anything else!", "Happy to
    /// help!") or a plain question (``NonClaimSentences``); or, to a question opening with a question word, it has
    /// ``emptyStatementWords`` words or more without a content word, a number or a yes/no ("It is what it is.").
    /// Such a response scored like a grounded answer (it claims nothing, so nothing in it is unsupported), which
    /// would let an optimiser trade answers for "Hello! Happy to help!". Only when the input ends with a question:
    /// "You're welcome!" to "Thanks for the help!" is the right reply.
    static func statesNothing(_ tokens: [Token], evidence: Evidence, prepared: PreparedExperience) -> Bool {
        guard evidence.contextFacts == 0, prepared.inputAsks else { return false }
        if prepared.inputAsksWh && tokens.count >= Self.emptyStatementWords && evidence.content == 0
            && evidence.numbers == 0 && !Self.directOpeners.contains(tokens[0].text)
        {
            return true
        }
        let mask = NonClaimSentences.mask(tokens, supported: { prepared.support.supports($0) })
        return !mask.isEmpty && !mask.contains(false)
    }

    /// The fewest words of a statement without a content word or a number that cannot answer a question-word
    /// question ("It is what it is." to "How much does it cost?"); shorter ones ("All of them.") can.
    static let emptyStatementWords = 5

    /// The most content words an answer that picks one of the question's alternatives has.
    static let maximumChoiceWords = 5

    /// An answer that takes nothing from the context and either (unless it opens with yes/no, gives a number or picks
    /// one of the alternatives the question offers: specific answers even when the question contains them) draws its
    /// content words from the input alone — an echo of the question — or has three or more content words that
    /// nothing supports — a change of subject.
    ///
    /// An answer that picks one of two alternatives the context decides between (``OfferedChoice/pick(in:)``) does not
    /// echo either, whatever its words.
    /// An answer naming one of the alternatives the question offers picks, it does not echo: a short one ("Arthur's
    /// Magazine" to "Which came first, Arthur's Magazine or First for Women?") has at most ``maximumChoiceWords``
    /// content words, leaving out some of the question's (the other alternative); a longer one states the choice
    /// without offering it again, with no "or" ("The Summit Lite is cheaper than the Cascade Pro." to "Which is
    /// cheaper, the Cascade Pro or the Summit Lite?"), where an echo keeps the question's "or".
    static func echoesOrStrays(
        _ tokens: [Token], evidence: Evidence, prepared: PreparedExperience, rules: FailureRules
    ) -> Bool {
        guard evidence.contextFacts == 0 else { return false }
        let opensDirectly = tokens.first.map { Self.directOpeners.contains($0.text) } ?? false
        // "Oasis formed after Blur." to "Was Oasis formed before Blur?" restates the question's words and answers it.
        let picksAChoice =
            prepared.offeredChoiceWords.map {
                (evidence.content <= Self.maximumChoiceWords && evidence.content < $0)
                    || !tokens.contains { $0.text == "or" }
            } ?? false
            || (prepared.offeredChoice?.pick(in: tokens) != nil && !tokens.contains { $0.text == "or" })
        if evidence.content >= 2 && !opensDirectly && !picksAChoice && evidence.numbers == 0 && evidence.newNames == 0
            && Double(evidence.fromInput) >= rules.echoShare * Double(evidence.content)
        {
            return true
        }
        return evidence.content >= 3 && evidence.supported == 0
    }

    /// Whether an answer the token cap cut reads as cut: the server's word outweighs what the text seems to be ("The
    /// Ghent", cut from "The Ghent store has 40 parking spaces.", reads as a finished fragment). Two cuts do not
    /// count: one right after a sentence's closing mark, which leaves the reader whole sentences (SmolLM2, cut after
    /// "The Portland store opened on 20 April 2010."), and one in an answer already past its length budget, which was
    /// cut because it rambled: that is `verbose`, whose fix is concision, where a completeness rule would make it
    /// worse.
    static func showsTheCut(_ trimmed: String, parts: RewardParts, rules: FailureRules) -> Bool {
        guard parts.length >= rules.verboseBelow else { return false }
        let closers: Set<Character> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}"]
        let end = trimmed.reversed().first { !closers.contains($0) }
        return !(end == "." || end == "!" || end == "?")
    }

    /// Words a finished sentence does not end on: an answer that stops on one was cut off.
    static let danglingWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "is",
        "are", "was", "were", "be", "been", "that", "which", "who", "whose", "as", "its", "their", "his", "her", "my",
        "your", "our", "this", "these", "those", "than", "because", "if", "when", "while",
    ]

    /// An answer cut short: without a format rule, one that ends on a colon that introduces nothing ("The answer to
    /// your question is:"); with a reference, a `reference` part below the threshold on an answer much shorter than
    /// the reference; without one (and without a format rule), a long enough answer that stops without closing
    /// punctuation on a word no sentence ends on ("... is made by the"). Chat answers often end without a full stop,
    /// so a missing full stop alone is not enough.
    static func isIncomplete(
        _ trimmed: String, tokens: [Token], prepared: PreparedExperience, parts: RewardParts, rules: FailureRules
    ) -> Bool {
        if prepared.formatRule == nil && trimmed.last == ":" { return true }
        if let reference = prepared.referenceTokens, let agreement = parts.reference {
            let referenceWords = reference.values.reduce(0, +)
            return agreement < rules.incompleteReferenceBelow
                && Double(tokens.count) < rules.shortAnswerRatio * Double(referenceWords)
        }
        guard prepared.formatRule == nil, tokens.count >= rules.cutOffMinimumWords, let last = trimmed.last,
            let lastWord = tokens.last
        else {
            return false
        }
        return (last.isLetter || last == ",") && Self.danglingWords.contains(lastWord.text)
    }
}
