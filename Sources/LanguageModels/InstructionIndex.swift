/// Every ``InstructionFamily``'s phrases and keyword sets compiled for ``InstructionFamily/present(in:)``: one pass
/// over a text's bytes finds every family's explicit phrases, and one pass over a sentence's words finds every
/// family's keyword sets, where searching phrase by phrase and keyword by keyword was a third of a rank (issue 14).
/// Same answers as ``InstructionDetection``, which single-family checks still use.
struct InstructionIndex: Sendable {
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

    /// Every family's explicit phrases, a group per family in `InstructionFamily.allCases` order.
    let phrases: PhraseIndex
    /// The distinct keywords.
    let keywords: [String]
    /// Keyword indices by the word that matches them exactly.
    let exactKeywords: [String: [Int]]
    /// Keywords of four or more letters (which also match words they prefix), by their first four letters.
    let prefixKeywords: [String: [Int]]
    /// Each family's keyword sets as masks, in `InstructionFamily.allCases` order.
    let keywordSets: [[KeywordMask]]

    init() {
        let detections = InstructionFamily.allCases.map(InstructionDetection.init)
        var keywords: [String] = []
        var keywordIndex: [String: Int] = [:]
        var keywordSets: [[KeywordMask]] = []
        for detection in detections {
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
        self.phrases = PhraseIndex(groups: detections.map(\.phrases))
        self.keywords = keywords
        self.exactKeywords = exact
        self.prefixKeywords = prefixed
        self.keywordSets = keywordSets
    }

    /// The families (indices) one of whose phrases `normalized` contains, byte for byte.
    ///
    /// - Complexity: O(n) plus the phrases starting at positions whose first two bytes begin one.
    func explicitFamilies(inNormalized normalized: String) -> Set<Int> {
        self.phrases.groups(in: normalized)
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
