import Foundation

/// Text helpers shared by the instruction detector (``InstructionFamily``), the generator and the ranker: word
/// tokens, sentences, and overlap.
///
/// Everything here is lexical and deterministic; it is what "semantically equivalent" means to the instruction
/// detector (normalised phrases and keyword sets, not embeddings).
package enum TextNormalization {
    /// Lowercases `text`, straightens curly apostrophes and quotes, and expands common negative contractions
    /// (`don't` → `do not`), so phrase look-ups see one spelling.
    ///
    /// Native Swift throughout: Foundation's `replacingOccurrences` costs microseconds per call on Linux, and the
    /// ranker and the simulator normalise every sentence of every prompt variant.
    ///
    /// - Complexity: O(n).
    package static func normalized(_ text: String) -> String {
        var result = text.lowercased()
        if result.unicodeScalars.contains(where: { (0x2018...0x201D).contains($0.value) }) {
            var scalars = String.UnicodeScalarView()
            for scalar in result.unicodeScalars {
                switch scalar {
                case "\u{2018}", "\u{2019}": scalars.append("'")
                case "\u{201C}", "\u{201D}": scalars.append("\"")
                default: scalars.append(scalar)
                }
            }
            result = String(scalars)
        }
        guard Self.containsPhrase(result, "n't") else { return result }
        for (short, long) in Self.contractions where Self.containsPhrase(result, short) {
            result = result.replacing(short, with: long)
        }
        return result
    }

    /// Whether `text` contains `phrase`, compared byte for byte in UTF-8 (both already normalised or lowercased):
    /// the literal search the phrase lists need, without Foundation's locale-aware one.
    ///
    /// - Complexity: O(n × m) in the worst case, O(n) for the short phrases it is used with.
    package static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        var text = text
        var phrase = phrase
        return text.withUTF8 { haystack in
            phrase.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard needle.count <= haystack.count else { return false }
                var start = 0
                let last = haystack.count - needle.count
                while start <= last {
                    if haystack[start] == first {
                        var offset = 1
                        while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    private static let contractions: [(String, String)] = [
        ("don't", "do not"), ("doesn't", "does not"), ("didn't", "did not"), ("can't", "cannot"),
        ("won't", "will not"), ("isn't", "is not"), ("aren't", "are not"), ("shouldn't", "should not"),
        ("mustn't", "must not"),
    ]

    /// The words of `text`: maximal runs of letters and digits, lowercased (apostrophes split words).
    ///
    /// - Complexity: O(n).
    package static func words(_ text: String) -> [String] {
        let lowered = text.lowercased()
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return Self.asciiWords(lowered) }
        var words: [String] = []
        var current = ""
        for character in lowered {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// ``words(_:)`` for lowercased ASCII text, byte by byte: for ASCII, the letters and numbers are exactly
    /// `a`-`z` and `0`-`9`, and `Character.isLetter` costs a Unicode property look-up per character.
    private static func asciiWords(_ lowered: String) -> [String] {
        var words: [String] = []
        let bytes = Array(lowered.utf8)
        var start: Int?
        for index in 0...bytes.count {
            let isWordByte =
                index < bytes.count
                && ((bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z"))
                    || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")))
            if isWordByte {
                if start == nil { start = index }
            } else if let first = start {
                words.append(String(decoding: bytes[first..<index], as: UTF8.self))
                start = nil
            }
        }
        return words
    }

    /// The sentences of `text`, trimmed, in order: split after `.`, `!`, `?` or `;` followed by whitespace (or the
    /// end), and at line breaks. A leading list marker (`- `, `* `, `• `, `1. `, `1) `) is dropped.
    ///
    /// - Complexity: O(n).
    package static func sentences(_ text: String) -> [String] {
        self.sentenceRanges(text).map { String(text[$0]) }
    }

    /// The ranges of ``sentences(_:)`` in `text`, so a clause can be replaced in place.
    ///
    /// - Complexity: O(n).
    package static func sentenceRanges(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start = text.startIndex
        var index = text.startIndex
        func close(at end: String.Index) {
            var lower = start
            var upper = end
            while lower < upper, text[lower].isWhitespace { lower = text.index(after: lower) }
            while upper > lower, text[text.index(before: upper)].isWhitespace { upper = text.index(before: upper) }
            lower = Self.skipListMarker(in: text, from: lower, to: upper)
            if lower < upper { ranges.append(lower..<upper) }
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\n" {
                close(at: index)
                start = next
            } else if ".!?;".contains(character), next == text.endIndex || text[next].isWhitespace {
                close(at: next)
                start = next
            }
            index = next
        }
        close(at: text.endIndex)
        return ranges
    }

    private static func skipListMarker(
        in text: String, from lower: String.Index, to upper: String.Index
    )
        -> String.Index
    {
        let line = text[lower..<upper]
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) {
            return text.index(lower, offsetBy: marker.count)
        }
        var index = lower
        while index < upper, text[index].isASCII, text[index].isNumber { index = text.index(after: index) }
        if index > lower, index < upper, text[index] == "." || text[index] == ")" {
            let after = text.index(after: index)
            if after < upper, text[after] == " " { return text.index(after: after) }
        }
        return lower
    }

    /// Jaccard similarity of the two texts' word sets, ignoring very common function words: `|A ∩ B| / |A ∪ B|`,
    /// 0 when both are empty.
    ///
    /// - Complexity: O(n + m).
    package static func jaccard(_ lhs: String, _ rhs: String) -> Double {
        self.jaccard(self.contentWords(lhs), self.contentWords(rhs))
    }

    /// The word set ``jaccard(_:_:)`` compares: the words of `text` without ``functionWords``.
    package static func contentWords(_ text: String) -> Set<String> {
        Set(self.words(text)).subtracting(Self.functionWords)
    }

    /// ``jaccard(_:_:)`` on word sets already made by ``contentWords(_:)``, so one sentence's set serves many pairs.
    package static func jaccard(_ left: Set<String>, _ right: Set<String>) -> Double {
        let union = left.union(right).count
        return union == 0 ? 0 : Double(left.intersection(right).count) / Double(union)
    }

    /// Words too common to say two sentences are about the same thing.
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "are", "be", "it", "its", "that",
        "this", "with", "as", "at", "by", "you", "your", "if", "when", "not", "do", "does",
    ]

    /// `text` cut to at most `limit` characters on a word boundary, with an ellipsis when cut.
    package static func clipped(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var clipped = String(text.prefix(limit))
        if let space = clipped.lastIndex(of: " ") { clipped = String(clipped[..<space]) }
        return clipped + "…"
    }
}
