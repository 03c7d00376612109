import Foundation
import LanguageModels
import PatchGeneration

/// The clarity criterion: readability of the patch text, less penalties for duplicating or contradicting the base
/// prompt.
///
/// ```
/// readability = 0.5 · sentence_length + 0.35 · imperative_share + 0.15 · no_hedging
/// sentence_length = 1 if the mean sentence has ≤ 20 words, else max(0, 1 − (mean − 20) / 25)
/// imperative_share = share of sentences that start (after a list marker, or after an "If/When ..., " clause)
///                    with an imperative verb or "do not / never / always / only"
/// no_hedging = max(0, 1 − 0.5 · #hedges)   (maybe, perhaps, might, possibly, try to, ...)
/// clarity = readability · (1 − min(1, 0.5 · duplicates)) · (1 − min(1, 0.5 · conflicts))
/// ```
/// A duplicate is an instruction family of the patch the rest of the base prompt already has, or a patch sentence
/// whose word overlap (Jaccard) with a base sentence is at least 0.6; a conflict is a family of the patch that
/// pulls against one in the base prompt (concision vs completeness, abstention vs "always answer"). "The rest of
/// the base prompt" excludes the clause a `replace` patch removes.
package enum Clarity {
    /// The clarity score and notes on what lowered it.
    ///
    /// - Parameters:
    ///   - patchText: the patch.
    ///   - remainingBase: the base prompt without the clause the patch replaces (the whole prompt otherwise).
    /// - Complexity: O(patch sentences × base sentences).
    package static func assess(patchText: String, remainingBase: String) -> (score: Double, notes: [String]) {
        self.assess(patchText: patchText, base: ClarityBase(remainingBase))
    }

    /// ``assess(patchText:remainingBase:)`` against a base analysed once: the ranker compares every candidate
    /// with the same base prompt.
    static func assess(
        patchText: String, base: ClarityBase, patchFamilies: Set<InstructionFamily>? = nil
    ) -> (score: Double, notes: [String]) {
        var notes: [String] = []
        let sentences = TextNormalization.sentences(patchText)
        guard !sentences.isEmpty else { return (0, ["the patch has no sentences"]) }
        let wordCounts = sentences.map { TextNormalization.words($0).count }
        let meanLength = Double(wordCounts.reduce(0, +)) / Double(sentences.count)
        let lengthScore = meanLength <= 20 ? 1 : max(0, 1 - (meanLength - 20) / 25)
        if lengthScore < 1 { notes.append("long sentences (mean \(Int(meanLength.rounded())) words)") }
        let imperative = Double(sentences.filter(Self.isImperative).count) / Double(sentences.count)
        if imperative < 1 {
            notes.append(
                "\(sentences.count - Int((imperative * Double(sentences.count)).rounded())) of "
                    + "\(sentences.count) sentences are not imperative")
        }
        let normalized =
            " " + TextNormalization.words(TextNormalization.normalized(patchText)).joined(separator: " ") + " "
        let hedges = Self.hedges.reduce(0) { $0 + TextNormalization.occurrences(of: " \($1) ", in: normalized) }
        let hedgeScore = max(0, 1 - 0.5 * Double(hedges))
        if hedges > 0 { notes.append("\(hedges) hedging word(s)") }
        let readability = 0.5 * lengthScore + 0.35 * imperative + 0.15 * hedgeScore

        let patchFamilies = patchFamilies ?? InstructionFamily.present(in: patchText)
        let baseFamilies = base.families
        let duplicatedFamilies = patchFamilies.intersection(baseFamilies).sorted()
        let duplicatedSentences = sentences.filter { sentence in
            let words = TextNormalization.contentWords(sentence)
            return base.sentenceWords.contains { TextNormalization.jaccard(words, $0) >= 0.6 }
        }
        for family in duplicatedFamilies { notes.append("duplicates the prompt's \(family.rawValue) instruction") }
        if !duplicatedSentences.isEmpty {
            notes.append("\(duplicatedSentences.count) sentence(s) repeat the prompt")
        }
        let conflicts = InstructionFamily.contradictions(adding: patchFamilies, to: baseFamilies)
        for (family, other) in conflicts {
            notes.append("its \(family.rawValue) instruction conflicts with the prompt's \(other.rawValue) instruction")
        }
        let duplicatePenalty = min(1, 0.5 * Double(duplicatedFamilies.count + duplicatedSentences.count))
        let conflictPenalty = min(1, 0.5 * Double(conflicts.count))
        return (readability * (1 - duplicatePenalty) * (1 - conflictPenalty), notes)
    }

    /// Whether a sentence is phrased as an instruction.
    static func isImperative(_ sentence: String) -> Bool {
        var words = TextNormalization.words(TextNormalization.normalized(sentence))
        if let first = words.first, Self.clauseOpeners.contains(first) {
            // "If the context does not contain it, say ...": judge the main clause after the first comma or colon.
            let lowered = TextNormalization.normalized(sentence)
            guard let split = lowered.firstIndex(where: { ",:;".contains($0) }) else { return false }
            words = TextNormalization.words(String(lowered[lowered.index(after: split)...]))
        }
        guard let first = words.first else { return false }
        return Self.imperativeVerbs.contains(first)
    }

    private static let clauseOpeners: Set<String> = [
        "if", "when", "whenever", "before", "unless", "once", "for", "after",
    ]

    private static let imperativeVerbs: Set<String> = [
        "answer", "use", "only", "do", "never", "always", "keep", "be", "say", "cite", "quote", "respond", "reply",
        "follow", "give", "write", "state", "check", "double", "avoid", "stick", "list", "include", "add", "limit",
        "put", "return", "copy", "prefer", "decline", "refuse", "admit", "address", "base", "stay", "make", "ensure",
        "treat", "ignore", "read", "mention", "rely", "format", "begin", "start", "end", "stop", "explain", "provide",
        "summarise", "summarize", "output", "cover", "close", "ask", "verify", "confirm", "omit", "drop", "remove",
        "repeat", "match", "report", "separate", "wrap", "think", "consider", "note", "show", "take",
    ]

    private static let hedges = [
        "maybe", "perhaps", "might", "possibly", "try to", "somewhat", "if possible", "ideally",
    ]
}
