import Foundation

/// The claims in a response, which of them the context, input (and reference) support, and the hallucination risk
/// the ``GroundingModel`` gives them.
///
/// Claims are names (spans of capitalised words that are not stopwords; a capitalised word that starts a sentence
/// counts only when the next word continues the name or it is the whole response), numbers, and content words
/// (every word of two or more characters that is not a stopword). A name is unsupported when any of its words is; a
/// number must appear as written.
package struct GroundingAnalysis: Sendable, Hashable {
    /// How many names the response has.
    package var entities: Int
    /// The names nothing supports, as written in the response (lowercased).
    package var unsupportedEntities: [String]
    /// How many numbers the response has.
    package var numbers: Int
    /// The numbers nothing supports.
    package var unsupportedNumbers: [String]
    /// How many content words the response has.
    package var contentWords: Int
    /// How many of them nothing supports.
    package var unsupportedContentWords: Int
    /// The distinct unsupported content words that are not numbers, in comparison form, sorted.
    package var unsupportedWords: [String]
    /// How many words the response has.
    package var wordCount: Int
    /// Sentences that name someone or something unsupported, give an unsupported number, and contain no supported
    /// content word at all: a wholly invented specific claim ("Marcus Whitfield confirmed this in 1987.").
    package var fabricatedSentences: Int
    /// The unsupported names that are not a one-word qualifier of something else (``qualifies(_:span:prepared:)``):
    /// what an answer names as its answer.
    package var unsupportedAnswerNames: [String]
    /// How many sentences add a content word to the input's (the sentences ``GroundingFeatures/unalignedShare``
    /// averages over).
    package var claimSentences: Int
    /// How many unsupported words stand in a qualifier (``qualifies(_:span:prepared:)``: "Spain" in "Madrid, Spain"):
    /// what a chat model adds from what it knows around a supported answer, not the answer.
    package var qualifierWords: Int
    /// The length-invariant features the model reads.
    package var features: GroundingFeatures
    /// The model's hallucination risk in 0...1 (see ``GroundingModel/risk(features:)``).
    package var risk: Double

    /// The unsupported names and numbers, for explanations.
    package var unsupportedClaims: [String] { self.unsupportedEntities + self.unsupportedNumbers }

    /// Analyses `tokens` against the support of an experience and scores them with `model`.
    ///
    /// - Complexity: O(n) in the response's tokens (set and dictionary look-ups).
    init(tokens: [Token], prepared: PreparedExperience, model: GroundingModel) {
        var entities = 0
        var unsupportedEntities: [String] = []
        var numbers = 0
        var unsupportedNumbers: [String] = []
        var contentWords = 0
        var unsupportedContent = 0
        var unsupportedWords: Set<String> = []
        var fabricatedSentences = 0
        var sentenceHasUnsupportedNumber = false
        var sentenceUnsupportedNames = 0
        var sentencesWithContent = 0
        var unalignedTotal = 0.0
        // The sentence's distinct content words (``SentenceSupport/key(of:)``) → where they come from.
        var sentenceWords: [String: WordSource] = [:]
        var afterYearGap = false
        let claimless = NonClaimSentences.mask(tokens, supported: prepared.support.supports)

        var answerNames: [String] = []
        var qualifierWords = 0
        var spanText = ""
        var spanStart = 0
        var spanSupported = true
        // `end`: the index of the first token after the span.
        func closeSpan(at end: Int) {
            if !spanText.isEmpty {
                entities += 1
                if !spanSupported {
                    unsupportedEntities.append(spanText)
                    if !Self.qualifies(tokens, span: spanStart..<end, prepared: prepared) {
                        answerNames.append(spanText)
                    } else {
                        qualifierWords += tokens[spanStart..<end].count { !prepared.support.supports($0) }
                    }
                }
            }
            spanText = ""
            spanSupported = true
        }

        func closeSentence() {
            if sentenceUnsupportedNames < unsupportedEntities.count && sentenceHasUnsupportedNumber
                && !sentenceWords.values.contains(where: { $0 != .nowhere })
            {
                fabricatedSentences += 1
            }
            sentenceHasUnsupportedNumber = false
            sentenceUnsupportedNames = unsupportedEntities.count
            if let share = Self.unalignedShare(of: sentenceWords, sentences: prepared.sentences) {
                sentencesWithContent += 1
                unalignedTotal += share
            }
            sentenceWords.removeAll(keepingCapacity: true)
        }

        for (index, token) in tokens.enumerated() {
            let claimsNothing = NonClaimSentences.contains(claimless, index)
            // "Blur formed earlier" to "Which band formed first, Oasis or Blur?" says the question's "first".
            // "five years before Sarah Records" where the context dates the two five years apart: arithmetic on the
            // context, which costs as little as restating the question.
            // So is a bare number answering "How many years ...?" ("42") or "How old ...?" (the gap or one less).
            let yearGap =
                (Self.countsYears(tokens, at: index) && prepared.yearGaps.contains(token.normalized))
                || (tokens.count == 1 && Self.answersYears(token, prepared: prepared))
            let restatesQuestion = prepared.offeredChoice?.restates(token) == true || yearGap || afterYearGap
            afterYearGap = yearGap
            let supported = restatesQuestion || prepared.support.supports(token)
            if token.startsSentence && index > 0 {
                closeSpan(at: index)
                closeSentence()
            }
            if token.isNumber && !claimsNothing {
                numbers += 1
                if !supported { unsupportedNumbers.append(token.text) }
            }
            if token.isNumber && !supported { sentenceHasUnsupportedNumber = true }
            if !claimsNothing && !restatesQuestion && prepared.support.contradictsCount(at: index, in: tokens) {
                unsupportedNumbers.append(token.text)
                sentenceHasUnsupportedNumber = true
            }
            // A number in the wrong unit is a wrong number: "2.1 pounds" where the context says "2.1 kilograms".
            if token.isNumber && !claimsNothing, let conflict = prepared.support.conflictingUnit(at: index, in: tokens)
            {
                unsupportedNumbers.append(conflict)
            }
            let isContent = !claimsNothing && token.isContentWord
            if isContent {
                contentWords += 1
                if !supported {
                    unsupportedContent += 1
                    if !token.isNumber { unsupportedWords.insert(token.normalized) }
                }
                let source: WordSource =
                    !supported
                    ? .nowhere : restatesQuestion || prepared.inputSupport.supports(token) ? .input : .context
                sentenceWords[SentenceSupport.key(of: token)] = source
            }
            let nameLike = !claimsNothing && token.isNameWord
            var inSpan = false
            if nameLike {
                if !spanText.isEmpty && token.joinedToPrevious {
                    inSpan = true
                } else {
                    closeSpan(at: index)
                    let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                    let continues = next.map { $0.isCapitalised && $0.joinedToPrevious && !$0.isNumber } ?? false
                    // A one-word answer is a name too ("Mumbai." to "In which city ...?"): it names what it claims.
                    // Not any word alone in its sentence: chat's "Exactly!" and "Haha." would become claims.
                    let wholeAnswer = tokens.count == 1 && token.text.count > 1
                    inSpan = !token.startsSentence || continues || wholeAnswer
                }
            }
            if inSpan {
                if spanText.isEmpty { spanStart = index }
                spanText += spanText.isEmpty ? token.text : " " + token.text
                if !supported { spanSupported = false }
            } else {
                closeSpan(at: index)
            }
        }
        closeSpan(at: tokens.count)
        closeSentence()

        self.entities = entities
        self.unsupportedEntities = unsupportedEntities
        self.numbers = numbers
        self.unsupportedNumbers = unsupportedNumbers
        self.contentWords = contentWords
        self.unsupportedContentWords = unsupportedContent
        self.unsupportedWords = unsupportedWords.sorted()
        self.wordCount = tokens.count
        self.fabricatedSentences = fabricatedSentences
        self.unsupportedAnswerNames = answerNames
        self.claimSentences = sentencesWithContent
        self.qualifierWords = qualifierWords
        func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
        self.features = GroundingFeatures(
            unalignedShare: sentencesWithContent == 0 ? 0 : unalignedTotal / Double(sentencesWithContent),
            unsupportedShare: share(unsupportedContent, contentWords),
            conflictingNumber: !unsupportedNumbers.isEmpty && prepared.support.statesNumbers ? 1 : 0)
        self.risk = model.risk(features: self.features)
    }

    /// Whether the one-word name `span` of `tokens` qualifies another word rather than naming an answer: an adjective
    /// before a lowercase word ("a Spanish football club"), or the country or region after a supported name and a
    /// comma or "in" ("Madrid, Spain", "Pripyat in Ukraine"). A chat model adds such context from what it knows.
    static func qualifies(_ tokens: [Token], span: Range<Int>, prepared: PreparedExperience) -> Bool {
        guard span.count == 1 else { return false }
        if span.upperBound < tokens.count {
            let next = tokens[span.upperBound]
            if next.joinedToPrevious, !next.isCapitalised, !next.isNumber, next.isContentWord { return true }
        }
        var before = span.lowerBound - 1
        if before >= 0, tokens[before].text == "in", !tokens[span.lowerBound].startsSentence {
            before -= 1
        } else if tokens[span.lowerBound].joinedToPrevious {
            return false
        }
        guard before >= 0, !tokens[span.lowerBound].startsSentence else { return false }
        let name = tokens[before]
        return name.isCapitalised && !name.isNumber && prepared.support.supports(name)
    }

    /// Whether `token`, a whole answer, is a number of years the question asks for and the context's years give.
    static func answersYears(_ token: Token, prepared: PreparedExperience) -> Bool {
        guard let asked = prepared.yearsAsked, token.isNumber || token.isNumberWord else { return false }
        if prepared.yearGaps.contains(token.normalized) { return true }
        guard asked == .age, let years = Int(token.normalized) else { return false }
        return prepared.yearGaps.contains(String(years + 1))
    }

    /// Whether the token at `index` is a number (or number word) of years: "five years before", "15 years".
    static func countsYears(_ tokens: [Token], at index: Int) -> Bool {
        (tokens[index].isNumber || tokens[index].isNumberWord) && index + 1 < tokens.count
            && tokens[index + 1].normalized == "year" && !tokens[index + 1].startsSentence
    }

    /// Where a response word's support comes from.
    enum WordSource {
        /// The input states it: the user's own words cost nothing.
        case input
        /// The context (or reference) states it, not the input.
        case context
        /// Nothing states it.
        case nowhere
    }

    /// One sentence's share of ``GroundingFeatures/unalignedShare``. The sentence of the support stating the most of
    /// its words (the input's included, so the question's terms anchor it) is the one it rests on; each distinct
    /// content word the context states but that sentence does not counts ½, each unsupported one 1; divided by the
    /// number of distinct content words the input does not state. The input's words are what the user said, not what
    /// the response claims: counted, they would dilute an invented answer that restates the question ("The head
    /// office of X is in Mumbai" to "Where is the head office of X?"). `nil` when the sentence adds no content word
    /// to the input's (an echo), which then does not count at all.
    static func unalignedShare(of words: [String: WordSource], sentences: SentenceSupport) -> Double? {
        let anchor = sentences.bestSentence(for: words.lazy.map { (key: $0.key, claimed: $0.value != .input) })
        var cost = 0.0
        var claimed = 0
        for (key, source) in words {
            switch source {
            case .input: continue
            case .context: if anchor.map({ !sentences.sentence($0, states: key) }) ?? true { cost += 0.5 }
            case .nowhere: cost += 1
            }
            claimed += 1
        }
        return claimed == 0 ? nil : cost / Double(claimed)
    }
}
