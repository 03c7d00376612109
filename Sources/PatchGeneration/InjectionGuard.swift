import LanguageModels

/// Keeps logged text out of prompts: rejects a patch that copies a long run of words from a representative's
/// input, response or context.
///
/// Logged inputs and responses are untrusted; a patch that carries a long span of them into the system prompt
/// would turn data into instructions (prompt injection through the learning loop). The guard compares word
/// n-grams (lowercased runs of letters and digits, so punctuation and case changes do not hide a copy): a patch is
/// rejected when any `spanLength` consecutive words of it (default 8) also occur consecutively in a source.
/// N-grams already present in the base prompt are allowed, so a patch may restate the prompt's own clauses.
/// It applies to template and LLM patches alike, the ranker applies it again to candidates it is given, and the
/// trainer to every candidate of a job. It also applies the ``SolicitationRule``: no web or email address, phone
/// number, handle or credential in a patch, whatever the representatives say.
package struct InjectionGuard: Sendable {
    /// The shortest run of copied words that is rejected.
    package let spanLength: Int
    /// Each forbidden run of words, keyed by the run itself (a slice of its source's words: no joined string is
    /// made per n-gram, and two runs are equal exactly when their words are), with the source it came from.
    private let forbidden: [ArraySlice<String>: String]

    /// Builds the guard for a cluster's representatives.
    ///
    /// - Parameters:
    ///   - representatives: whose input, response and context are untrusted.
    ///   - basePrompt: the prompt being patched; its own n-grams are allowed.
    ///   - spanLength: the shortest rejected run, at least 2. Default 8.
    /// - Complexity: O(total words of the sources) time and space.
    package init(representatives: [ClusterRepresentative], basePrompt: String, spanLength: Int = 8) {
        precondition(spanLength >= 2, "the guard's span length must be at least 2")
        self.spanLength = spanLength
        let allowed = Set(Self.ngrams(of: TextNormalization.words(basePrompt), length: spanLength).map(\.key))
        var forbidden: [ArraySlice<String>: String] = [:]
        for representative in representatives {
            for (label, text) in [
                ("input", representative.input), ("response", representative.response),
                ("context", representative.context ?? ""),
            ] {
                for ngram in Self.ngrams(of: TextNormalization.words(text), length: spanLength)
                where !allowed.contains(ngram.key) && forbidden[ngram.key] == nil {
                    forbidden[ngram.key] = "\(label) of \(representative.id)"
                }
            }
        }
        self.forbidden = forbidden
    }

    /// Why `patchText` is rejected (`copies 8+ consecutive words from the input of e12: "…"`, or the
    /// ``SolicitationRule``'s reason), or `nil` when it copies no long span and solicits nothing.
    ///
    /// - Complexity: O(words of the patch).
    package func violation(in patchText: String) -> String? {
        let words = TextNormalization.words(patchText)
        for ngram in Self.ngrams(of: words, length: self.spanLength) {
            if let source = self.forbidden[ngram.key] {
                let span = words[ngram.range].joined(separator: " ")
                return "copies \(self.spanLength)+ consecutive words from the \(source) (\"\(span)\"); logged text "
                    + "must not become an instruction"
            }
        }
        return SolicitationRule.violation(in: patchText)
    }

    private struct NGram {
        var key: ArraySlice<String>
        var range: Range<Int>
    }

    private static func ngrams(of words: [String], length: Int) -> [NGram] {
        guard words.count >= length else { return [] }
        return (0...(words.count - length)).map { start in
            NGram(key: words[start..<(start + length)], range: start..<(start + length))
        }
    }
}
