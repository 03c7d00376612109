/// The claims in a response and which of them the context, input (and reference) support.
///
/// Claims are names (spans of capitalised words that are not stopwords; a capitalised word that starts a sentence
/// counts only when the next word continues the name), numbers, and content words (every word that is not a
/// stopword). A name is unsupported when any of its words is; a number must appear as written.
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
    /// Distinct content words the context supports but the input does not (evidence of using the knowledge).
    package var contextEvidence: Int
    /// How many words the response has.
    package var wordCount: Int
    /// `max(0, entity·|unsupported names| + number·|unsupported numbers| + contentWord·unsupportedContentWords −
    /// contextEvidence·contextEvidence)` with the configured ``ClaimWeights``.
    package var risk: Double

    /// The unsupported names and numbers, for explanations.
    package var unsupportedClaims: [String] { self.unsupportedEntities + self.unsupportedNumbers }

    /// Analyses `tokens` against the support of an experience.
    ///
    /// - Complexity: O(n) in the response's tokens (set look-ups).
    init(tokens: [Token], prepared: PreparedExperience, weights: ClaimWeights) {
        var entities = 0
        var unsupportedEntities: [String] = []
        var numbers = 0
        var unsupportedNumbers: [String] = []
        var contentWords = 0
        var unsupportedContent = 0
        var evidence: Set<String> = []
        let stopwords = Stopwords.all

        var spanWords: [Substring] = []
        var spanText = ""
        var spanSupported = true
        func closeSpan() {
            if !spanWords.isEmpty {
                entities += 1
                if !spanSupported { unsupportedEntities.append(spanText) }
            }
            spanWords = []
            spanText = ""
            spanSupported = true
        }

        for (index, token) in tokens.enumerated() {
            let isStopword = stopwords.contains(token.text)
            let supported = prepared.support.supports(token)
            if token.isNumber {
                numbers += 1
                if !supported { unsupportedNumbers.append(token.text) }
            }
            if !isStopword && token.text.count > 1 {
                contentWords += 1
                if !supported {
                    unsupportedContent += 1
                } else if !token.isNumber && !prepared.inputSupport.supports(token) {
                    evidence.insert(token.normalized)
                }
            }
            let nameLike = token.isCapitalised && !isStopword && !token.isNumber && token.text != "i"
            var inSpan = false
            if nameLike {
                if !spanWords.isEmpty && token.joinedToPrevious {
                    inSpan = true
                } else {
                    closeSpan()
                    let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                    let continues = next.map { $0.isCapitalised && $0.joinedToPrevious && !$0.isNumber } ?? false
                    inSpan = !token.startsSentence || continues
                }
            }
            if inSpan {
                spanWords.append(Substring(token.text))
                spanText += spanText.isEmpty ? token.text : " " + token.text
                if !supported { spanSupported = false }
            } else {
                closeSpan()
            }
        }
        closeSpan()

        self.entities = entities
        self.unsupportedEntities = unsupportedEntities
        self.numbers = numbers
        self.unsupportedNumbers = unsupportedNumbers
        self.contentWords = contentWords
        self.unsupportedContentWords = unsupportedContent
        self.contextEvidence = evidence.count
        self.wordCount = tokens.count
        let raw = weights.entity * Double(unsupportedEntities.count) + weights.number * Double(unsupportedNumbers.count)
            + weights.contentWord * Double(unsupportedContent) - weights.contextEvidence * Double(evidence.count)
        self.risk = max(0, raw)
    }
}
