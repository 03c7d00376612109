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
        return Self.expandingASCIIContractions(result) ?? Self.expandingContractions(result)
    }

    /// The contractions of lowercased `text` expanded one after the other, for any text.
    static func expandingContractions(_ text: String) -> String {
        var result = text
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

    /// How many times `phrase` occurs in `text` without overlapping, counted from the left and compared byte for
    /// byte in UTF-8: what splitting `text` at `phrase` counts (`components(separatedBy:).count - 1`), without
    /// Foundation's locale-aware search.
    package static func occurrences(of phrase: String, in text: String) -> Int {
        var text = text
        var phrase = phrase
        return text.withUTF8 { haystack in
            phrase.withUTF8 { needle in
                guard !needle.isEmpty, needle.count <= haystack.count else { return 0 }
                var count = 0
                var start = 0
                let last = haystack.count - needle.count
                while start <= last {
                    if haystack[start] == needle[0],
                        haystack[start..<(start + needle.count)].elementsEqual(needle)
                    {
                        count += 1
                        start += needle.count
                    } else {
                        start += 1
                    }
                }
                return count
            }
        }
    }

    /// `text` without the white space at its ends: what Foundation's `trimmingCharacters(in:)` gives with
    /// `.whitespacesAndNewlines` (`newlines`) or `.whitespaces`, without its bridged implementation, which cost a
    /// tenth of a ranker's CPU on clusters it had not seen (issue 14). The sets are Foundation's, checked scalar by
    /// scalar: Unicode white space (or only tab and space separators), and U+200B ZERO WIDTH SPACE, which
    /// Foundation counts as white space and Unicode does not.
    package static func trimmed(_ text: Substring, newlines: Bool = true) -> String {
        let scalars = text.unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            newlines ? Self.isWhiteSpaceOrNewline(scalar) : Self.isWhiteSpace(scalar)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }

    /// ``trimmed(_:newlines:)`` of a whole string.
    package static func trimmed(_ text: String, newlines: Bool = true) -> String {
        Self.trimmed(text[...], newlines: newlines)
    }

    /// Whether the ASCII character `byte` is white space as `Character.isWhitespace` says: tab through carriage
    /// return, and space. (In ASCII the one multi-byte `Character`, `"\r\n"`, is white space too.)
    package static func isASCIIWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Whether `scalar` is in Foundation's `.whitespacesAndNewlines`.
    package static func isWhiteSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }

    /// Whether `scalar` is in Foundation's `.whitespaces`.
    package static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// The contractions of ASCII `text` expanded in one pass over its bytes, or `nil` when `text` is not ASCII:
    /// what replacing each contraction in turn gives (no two contractions can match overlapping bytes, as each has
    /// one `n't` and none ends another), without the standard library's generic `replacing`, which cost a twentieth
    /// of a rank (issue 14).
    static func expandingASCIIContractions(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var expanded: [UInt8] = []
            expanded.reserveCapacity(bytes.count + 16)
            var index = 0
            next: while index < bytes.count {
                // Most bytes start no contraction: one table look-up instead of a test per contraction.
                guard Self.startsContraction[Int(bytes[index])] else {
                    expanded.append(bytes[index])
                    index += 1
                    continue
                }
                for (short, long) in Self.asciiContractions
                where short.count <= bytes.count - index && bytes[index] == short[0] {
                    var offset = 1
                    while offset < short.count && bytes[index + offset] == short[offset] { offset += 1 }
                    if offset == short.count {
                        expanded.append(contentsOf: long)
                        index += short.count
                        continue next
                    }
                }
                expanded.append(bytes[index])
                index += 1
            }
            return String(decoding: expanded, as: UTF8.self)
        }
    }

    private static let asciiContractions = Self.contractions.map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Which bytes start some contraction, by byte value.
    private static let startsContraction: [Bool] = (0..<256).map { byte in
        Self.asciiContractions.contains { $0.0.first == UInt8(byte) }
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
        Self.asciiWords(text) ?? Self.wordsByCharacter(text)
    }

    /// ``words(_:)`` for any text, `Character` by `Character`.
    static func wordsByCharacter(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
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

    /// ``words(_:)`` for ASCII text, byte by byte and lowercasing as it goes, or `nil` when `text` is not ASCII:
    /// for ASCII, the letters and numbers are exactly `A`-`Z`, `a`-`z` and `0`-`9`, and `Character.isLetter` costs
    /// a Unicode property look-up per character.
    static func asciiWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var words: [String] = []
            Self.forEachASCIIWord(in: bytes, 0..<bytes.count) { range in
                let word = UnsafeBufferPointer(rebasing: bytes[range])
                words.append(
                    String(unsafeUninitializedCapacity: word.count) { buffer in
                        for (offset, byte) in word.enumerated() { buffer[offset] = Self.asciiLowercased(byte) }
                        return word.count
                    })
            }
            return words
        }
    }

    /// Calls `body` with the range of each word (maximal run of ASCII letters and digits) of `bytes[range]`, in
    /// order: the words of ``words(_:)`` for ASCII text, found in place.
    static func forEachASCIIWord(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) -> Void
    ) {
        var start = -1
        for index in range.lowerBound...range.upperBound {
            if index < range.upperBound && Self.isASCIIWordByte(bytes[index]) {
                if start < 0 { start = index }
            } else if start >= 0 {
                body(start..<index)
                start = -1
            }
        }
    }

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
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
        Self.asciiSentenceRanges(text) ?? Self.sentenceRangesByCharacter(text)
    }

    /// ``sentenceRanges(_:)`` for any text, `Character` by `Character`.
    static func sentenceRangesByCharacter(_ text: String) -> [Range<String.Index>] {
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

    /// ``sentenceRanges(_:)`` for ASCII text, byte by byte, or `nil` when `text` is not ASCII: the same splits as
    /// the `Character` walk, which costs a grapheme break check per character. In ASCII the one multi-byte
    /// `Character` is `"\r\n"`, which is not `"\n"` (no line break there) but is whitespace; ASCII whitespace is
    /// tab through carriage return, and space.
    static func asciiSentenceRanges(_ text: String) -> [Range<String.Index>]? {
        var copy = text
        let offsets = copy.withUTF8 { bytes in
            bytes.allSatisfy({ $0 < 0x80 }) ? Self.asciiSentenceOffsets(bytes) : nil
        }
        guard let offsets else { return nil }
        let utf8 = text.utf8
        return offsets.map { range in
            utf8.index(
                utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                    utf8.startIndex, offsetBy: range.upperBound)
        }
    }

    /// ``asciiSentenceRanges(_:)`` as byte offsets into ASCII `bytes`.
    static func asciiSentenceOffsets(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        func close(at end: Int) {
            var lower = start
            var upper = end
            while lower < upper, Self.isASCIIWhiteSpace(bytes[lower]) { lower += 1 }
            while upper > lower, Self.isASCIIWhiteSpace(bytes[upper - 1]) { upper -= 1 }
            lower = Self.skipASCIIListMarker(in: bytes, from: lower, to: upper)
            if lower < upper { ranges.append(lower..<upper) }
        }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            let next = index + 1
            if byte == UInt8(ascii: "\n") {
                guard index == 0 || bytes[index - 1] != UInt8(ascii: "\r") else { continue }
                close(at: index)
                start = next
            } else if Self.isASCIISentenceMark(byte), next == bytes.count || Self.isASCIIWhiteSpace(bytes[next]) {
                close(at: next)
                start = next
            }
        }
        close(at: bytes.count)
        return ranges
    }

    /// Whether `byte` is a mark that ends a sentence of ``sentences(_:)`` when white space (or the end) follows:
    /// `.`, `!`, `?` or `;`.
    static func isASCIISentenceMark(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ";")
    }

    /// ``skipListMarker(in:from:to:)`` on ASCII bytes (`• ` is not ASCII).
    private static func skipASCIIListMarker(in bytes: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int) -> Int
    {
        if upper - lower >= 2, bytes[lower] == UInt8(ascii: "-") || bytes[lower] == UInt8(ascii: "*"),
            bytes[lower + 1] == UInt8(ascii: " ")
        {
            return lower + 2
        }
        var index = lower
        while index < upper, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        if index > lower, index < upper, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") {
            if index + 1 < upper, bytes[index + 1] == UInt8(ascii: " ") { return index + 2 }
        }
        return lower
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
        Set(self.words(text).lazy.filter { !Self.functionWords.contains($0) })
    }

    /// ``jaccard(_:_:)`` on word sets already made by ``contentWords(_:)``, so one sentence's set serves many pairs.
    package static func jaccard(_ left: Set<String>, _ right: Set<String>) -> Double {
        // Counted rather than built: a rank compares every patch sentence with every base sentence.
        let (small, large) = left.count <= right.count ? (left, right) : (right, left)
        let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
        let union = left.count + right.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
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
