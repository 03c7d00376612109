/// The thresholds that turn a response's parts and wording into failure modes (see ``FailureDiagnosis``).
package struct FailureRules: Sendable, Hashable, Codable {
    /// A `length` part below this is `verbose`. Default 0.9 (10% of the budget over it).
    package var verboseBelow: Double
    /// A `format` part below this is `format`. Default 0.5.
    package var formatBelow: Double
    /// A `reference` part below this, on an answer shorter than ``shortAnswerRatio`` of the reference, is
    /// `incomplete`. Default 0.8.
    package var incompleteReferenceBelow: Double
    /// An answer is short when it has fewer than this share of the reference's words. Default 0.75.
    package var shortAnswerRatio: Double
    /// Without a reference, an answer of at least this many words that stops without closing punctuation is
    /// `incomplete` (cut off mid-sentence, as a `max_tokens` limit leaves it). Default 8.
    package var cutOffMinimumWords: Int
    /// An answer whose content words come at least this much from the input alone, with nothing from the context, is
    /// an echo of the question (`unanswered`). Default 0.8.
    package var echoShare: Double

    /// Creates rules; every threshold has a default.
    package init(
        verboseBelow: Double = 0.9,
        formatBelow: Double = 0.5,
        incompleteReferenceBelow: Double = 0.8,
        shortAnswerRatio: Double = 0.75,
        cutOffMinimumWords: Int = 8,
        echoShare: Double = 0.8
    ) {
        self.verboseBelow = verboseBelow
        self.formatBelow = formatBelow
        self.incompleteReferenceBelow = incompleteReferenceBelow
        self.shortAnswerRatio = shortAnswerRatio
        self.cutOffMinimumWords = cutOffMinimumWords
        self.echoShare = echoShare
    }
}
