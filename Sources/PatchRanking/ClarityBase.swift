import LanguageModels

/// What ``Clarity`` compares a patch with, worked out once per base text: a rank scores every candidate against
/// the same base prompt, and finding its instruction families and sentence word sets per candidate was a fifth of
/// a rank (issue 14).
struct ClarityBase: Sendable {
    /// The instruction families the base has.
    let families: Set<InstructionFamily>
    /// Each base sentence's content words (``TextNormalization/contentWords(_:)``).
    let sentenceWords: [Set<String>]

    init(_ text: String) {
        self.families = InstructionFamily.present(in: text)
        self.sentenceWords = TextNormalization.sentences(text).map(TextNormalization.contentWords)
    }
}
