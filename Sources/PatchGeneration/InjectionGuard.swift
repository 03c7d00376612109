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
    /// Each forbidden run of words (a slice of its source's words: no joined string is made per n-gram) with the
    /// source it came from, by ``runHash(_:)``: each word is hashed once, where keying by the run itself hashed
    /// every word once per run it is in, eight times (a tenth of a rank for a cluster the ranker has not seen,
    /// issue 14). Runs with one hash are told apart by their words, so two runs match exactly when their words
    /// are equal, as before.
    private let forbidden: [UInt64: [(words: ArraySlice<String>, source: String)]]
    /// One bit per ``runHash(_:)`` of a forbidden run (folded to 16 bits): a patch's runs are looked up in
    /// ``forbidden`` only when their bit is set. A clear bit proves the run is not forbidden; a set one is checked.
    private let forbiddenBits: [UInt64]

    /// Builds the guard for a cluster's representatives.
    ///
    /// - Parameters:
    ///   - representatives: whose input, response and context are untrusted.
    ///   - basePrompt: the prompt being patched; its own n-grams are allowed.
    ///   - spanLength: the shortest rejected run, at least 2. Default 8.
    /// - Complexity: O(total words of the sources × span length) time, O(total words) space.
    package init(representatives: [ClusterRepresentative], basePrompt: String, spanLength: Int = 8) {
        precondition(spanLength >= 2, "the guard's span length must be at least 2")
        self.spanLength = spanLength
        var allowed: [UInt64: [ArraySlice<String>]] = [:]
        for run in Self.runs(of: basePrompt, length: spanLength) { allowed[run.hash, default: []].append(run.words) }
        var forbidden: [UInt64: [(words: ArraySlice<String>, source: String)]] = [:]
        var bits = [UInt64](repeating: 0, count: 1024)
        for representative in representatives {
            for (label, text) in [
                ("input", representative.input), ("response", representative.response),
                ("context", representative.context ?? ""),
            ] {
                for run in Self.runs(of: text, length: spanLength) {
                    guard allowed[run.hash]?.contains(run.words) != true,
                        forbidden[run.hash]?.contains(where: { $0.words == run.words }) != true
                    else { continue }
                    forbidden[run.hash, default: []].append((run.words, "\(label) of \(representative.id)"))
                    let bit = Self.foldedBit(run.hash)
                    bits[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        self.forbidden = forbidden
        self.forbiddenBits = bits
    }

    /// Why `patchText` is rejected (`copies 8+ consecutive words from the input of e12: "…"`, or the
    /// ``SolicitationRule``'s reason), or `nil` when it copies no long span and solicits nothing.
    ///
    /// - Complexity: O(words of the patch × span length).
    package func violation(in patchText: String) -> String? {
        for run in Self.runs(of: patchText, length: self.spanLength) {
            let bit = Self.foldedBit(run.hash)
            guard self.forbiddenBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0,
                let source = self.forbidden[run.hash]?.first(where: { $0.words == run.words })?.source
            else { continue }
            let span = run.words.joined(separator: " ")
            return "copies \(self.spanLength)+ consecutive words from the \(source) (\"\(span)\"); logged text "
                + "must not become an instruction"
        }
        return SolicitationRule.violation(in: patchText)
    }

    /// Every run of `length` consecutive words of `text` (``TextNormalization/words(_:)``), in order, with its hash.
    private static func runs(of text: String, length: Int) -> [(words: ArraySlice<String>, hash: UInt64)] {
        let words = TextNormalization.words(text)
        guard words.count >= length else { return [] }
        let hashes = words.map(Self.wordHash)
        return (0...(words.count - length)).map { start in
            (words[start..<(start + length)], Self.runHash(hashes[start..<(start + length)]))
        }
    }

    /// A word's hash as `String` hashes it, so words Swift calls equal (canonically equivalent: "é" and "e" with a
    /// combining accent) hash alike; once per word rather than once per word per run.
    private static func wordHash(_ word: String) -> UInt64 {
        UInt64(bitPattern: Int64(word.hashValue))
    }

    /// A run's hash from its words' hashes, in order.
    private static func runHash(_ words: ArraySlice<UInt64>) -> UInt64 {
        words.reduce(0) { ($0 ^ $1) &* 0x9E37_79B9_7F4A_7C15 }
    }

    /// A hash's bit in ``forbiddenBits``.
    private static func foldedBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ hash >> 32 ^ hash >> 16) & 0xFFFF)
    }
}
