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
    /// One bit per ``runHash(_:)`` of a forbidden run (folded to 16 bits): a patch's runs are looked up in
    /// ``forbidden`` only when their bit is set, where hashing every run's words with SipHash was a twentieth of a
    /// rank (issue 14). A clear bit proves the run is not forbidden; a set one is checked.
    private let forbiddenBits: [UInt64]

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
        var bits = [UInt64](repeating: 0, count: 1024)
        for run in forbidden.keys {
            let bit = Self.foldedBit(Self.runHash(run.map(Self.wordHash)[...]))
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.forbiddenBits = bits
    }

    /// Why `patchText` is rejected (`copies 8+ consecutive words from the input of e12: "…"`, or the
    /// ``SolicitationRule``'s reason), or `nil` when it copies no long span and solicits nothing.
    ///
    /// - Complexity: O(words of the patch).
    package func violation(in patchText: String) -> String? {
        let words = TextNormalization.words(patchText)
        let hashes = words.map(Self.wordHash)
        for ngram in Self.ngrams(of: words, length: self.spanLength) {
            let bit = Self.foldedBit(Self.runHash(hashes[ngram.range]))
            guard self.forbiddenBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
            if let source = self.forbidden[ngram.key] {
                let span = words[ngram.range].joined(separator: " ")
                return "copies \(self.spanLength)+ consecutive words from the \(source) (\"\(span)\"); logged text "
                    + "must not become an instruction"
            }
        }
        return SolicitationRule.violation(in: patchText)
    }

    /// FNV-1a of a word's UTF-8 bytes: cheap, and only ever a filter in front of an exact look-up.
    private static func wordHash(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// A run's hash from its words' hashes, in order.
    private static func runHash(_ words: ArraySlice<UInt64>) -> UInt64 {
        words.reduce(0) { ($0 ^ $1) &* 0x9E37_79B9_7F4A_7C15 }
    }

    /// A hash's bit in ``forbiddenBits``.
    private static func foldedBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ hash >> 32 ^ hash >> 16) & 0xFFFF)
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
