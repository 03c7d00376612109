/// Every ``InstructionFamily``'s phrases and keyword sets compiled for ``InstructionFamily/present(in:)``: one pass
/// over a text's bytes finds every family's explicit phrases, and one pass over a sentence's words finds every
/// family's keyword sets, where searching phrase by phrase and keyword by keyword was a third of a rank (issue 14).
/// Same answers as ``InstructionDetection``, which single-family checks still use.
struct InstructionIndex: Sendable {
    /// A phrase as bytes, and the index of its family in `InstructionFamily.allCases`.
    struct Phrase: Sendable {
        var bytes: [UInt8]
        var family: Int
    }

    /// Which keywords a sentence holds, one bit per keyword of ``keywords``.
    struct KeywordMask: Sendable, Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        mutating func insert(_ index: Int) {
            if index < 64 { self.low |= 1 << UInt64(index) } else { self.high |= 1 << UInt64(index - 64) }
        }

        func contains(_ other: KeywordMask) -> Bool {
            other.low & ~self.low == 0 && other.high & ~self.high == 0
        }
    }

    /// Phrases by their first two bytes (`first << 8 | second`; every phrase has at least two).
    let phrasesByStart: [UInt16: [Phrase]]
    /// One bit per two-byte start that begins some phrase, so most text positions cost one bit test.
    let startBits: [UInt64]
    /// The distinct keywords.
    let keywords: [String]
    /// Keyword indices by the word that matches them exactly.
    let exactKeywords: [String: [Int]]
    /// Keywords of four or more letters (which also match words they prefix), by their first four letters.
    let prefixKeywords: [String: [Int]]
    /// Each family's keyword sets as masks, in `InstructionFamily.allCases` order.
    let keywordSets: [[KeywordMask]]

    init() {
        var phrases: [UInt16: [Phrase]] = [:]
        var startBits = [UInt64](repeating: 0, count: 1024)
        var keywords: [String] = []
        var keywordIndex: [String: Int] = [:]
        var keywordSets: [[KeywordMask]] = []
        for (family, detection) in InstructionFamily.allCases.map(InstructionDetection.init).enumerated() {
            for phrase in detection.phrases {
                let bytes = Array(phrase.utf8)
                precondition(bytes.count >= 2, "an instruction phrase has at least two bytes")
                let start = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
                phrases[start, default: []].append(Phrase(bytes: bytes, family: family))
                startBits[Int(start) >> 6] |= 1 << UInt64(start & 63)
            }
            keywordSets.append(
                detection.keywordSets.map { set in
                    var mask = KeywordMask()
                    for keyword in set {
                        let index =
                            keywordIndex[keyword.word]
                            ?? {
                                keywords.append(keyword.word)
                                keywordIndex[keyword.word] = keywords.count - 1
                                return keywords.count - 1
                            }()
                        mask.insert(index)
                    }
                    return mask
                })
        }
        precondition(keywords.count <= 128, "the keyword mask holds at most 128 keywords")
        var exact: [String: [Int]] = [:]
        var prefixed: [String: [Int]] = [:]
        for (index, keyword) in keywords.enumerated() {
            exact[keyword, default: []].append(index)
            if keyword.count >= 4 { prefixed[String(keyword.prefix(4)), default: []].append(index) }
        }
        self.phrasesByStart = phrases
        self.startBits = startBits
        self.keywords = keywords
        self.exactKeywords = exact
        self.prefixKeywords = prefixed
        self.keywordSets = keywordSets
    }

    /// The families (indices) one of whose phrases `normalized` contains, byte for byte.
    ///
    /// - Complexity: O(n) plus the phrases starting at positions whose first two bytes begin one.
    func explicitFamilies(inNormalized normalized: String) -> Set<Int> {
        var text = normalized
        return text.withUTF8 { bytes in
            var found: Set<Int> = []
            guard bytes.count >= 2 else { return found }
            for index in 0..<(bytes.count - 1) {
                let start = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                guard self.startBits[Int(start) >> 6] & (1 << UInt64(start & 63)) != 0,
                    let candidates = self.phrasesByStart[start]
                else { continue }
                for phrase in candidates where !found.contains(phrase.family) {
                    let length = phrase.bytes.count
                    guard index + length <= bytes.count else { continue }
                    var offset = 2
                    while offset < length && bytes[index + offset] == phrase.bytes[offset] { offset += 1 }
                    if offset == length { found.insert(phrase.family) }
                }
            }
            return found
        }
    }

    /// The keywords `words` (one sentence's) hold: a word holds a keyword it equals, or one of four or more letters
    /// it starts with.
    func keywordMask(of words: [String]) -> KeywordMask {
        var mask = KeywordMask()
        for word in words {
            for index in self.exactKeywords[word] ?? [] { mask.insert(index) }
            guard word.utf8.count >= 4, let candidates = self.prefixKeywords[String(word.prefix(4))] else { continue }
            for index in candidates where word.hasPrefix(self.keywords[index]) { mask.insert(index) }
        }
        return mask
    }

    /// Whether a sentence holding `mask` states family `family` in other words (holds every keyword of a set).
    func hasKeywordSet(_ mask: KeywordMask, family: Int) -> Bool {
        self.keywordSets[family].contains { mask.contains($0) }
    }
}
