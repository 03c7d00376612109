/// A backend-independent token estimate: one token per 4 UTF-8 bytes, rounded up (OpenAI's rule of thumb for
/// English), used by the simulator's usage accounting and its `maxTokens` cut-off.
package enum TokenEstimate {
    /// The estimated token count of `text`: `ceil(utf8.count / 4)`, so `""` is 0 and any non-empty text at least 1.
    ///
    /// - Complexity: O(1) for native strings (O(n) otherwise).
    package static func count(_ text: String) -> Int {
        (text.utf8.count + 3) / 4
    }

    /// The longest prefix of `text` made of whole words whose estimate is at most `limit` tokens.
    ///
    /// - Complexity: O(n) in the length of `text`.
    package static func truncate(_ text: String, toTokens limit: Int) -> String {
        guard self.count(text) > limit else { return text }
        let budget = max(0, limit) * 4
        var end = text.startIndex
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            used += character.utf8.count
            if used > budget { break }
            index = text.index(after: index)
            if character.isWhitespace { end = text.index(before: index) }
        }
        if index == text.endIndex { end = index }
        return String(text[..<end])
    }
}

extension TokenEstimate {
    /// A `max_tokens` sized to what the answer should be: `scale` times the tokens of `expected` (an experience's
    /// reference, or else its logged response) plus 32, at least 48 and at most `ceiling`; `ceiling` when there is
    /// nothing to size by or no `scale` (sizing off, as for the simulator).
    ///
    /// A slow model's time goes into tokens, and a small model that rambles can spend hundreds of them on a
    /// one-line question; room for a few times the expected answer still lets a complete answer through, while an
    /// answer cut at the cap is scored as it stands (often `incomplete`).
    package static func answerCap(expected: String?, scale: Double?, ceiling: Int) -> Int {
        guard let expected, !expected.isEmpty, let scale, scale.isFinite, scale > 0 else { return ceiling }
        let sized = Int((scale * Double(self.count(expected))).rounded(.up)) + 32
        return min(ceiling, max(48, sized))
    }
}
