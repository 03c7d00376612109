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

        mutating func formUnion(_ other: KeywordMask) {
            self.low |= other.low
            self.high |= other.high
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
    /// The keywords again, for words read as bytes (``asciiKeywordMask(of:)``).
    let asciiKeywords: ASCIIKeywordTable
    /// Whether no phrase holds a sentence break (`.`, `!`, `?`, `;` or white space other than a space) or starts or
    /// ends with a space: then no phrase spans two sentences, and texts joined at a sentence break have the
    /// families of their parts (``InstructionFamily/present(inJoined:base:baseFamilies:patch:patchFamilies:)``).
    let phrasesStayInSentences: Bool

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
        self.asciiKeywords = ASCIIKeywordTable(keywords: keywords)
        self.phrasesStayInSentences = detections.allSatisfy { detection in
            detection.phrases.allSatisfy { phrase in
                !phrase.hasPrefix(" ") && !phrase.hasSuffix(" ")
                    && !phrase.utf8.contains {
                        TextNormalization.isASCIISentenceMark($0)
                            || ($0 != 0x20 && TextNormalization.isASCIIWhiteSpace($0))
                    }
            }
        }
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

    /// ``keywordMask(of:)`` of one word given as lowercase ASCII bytes, without making it a `String`.
    func asciiKeywordMask(of word: UnsafeBufferPointer<UInt8>) -> KeywordMask {
        self.asciiKeywords.mask(of: word)
    }

    /// Whether a sentence holding `mask` states family `family` in other words (holds every keyword of a set).
    func hasKeywordSet(_ mask: KeywordMask, family: Int) -> Bool {
        self.keywordSets[family].contains { mask.contains($0) }
    }

    /// Adds to `found` every family (index) not in it yet that a sentence holding `mask` states in other words.
    func addFamilies(holding mask: KeywordMask, to found: inout Set<Int>) {
        for family in self.keywordSets.indices where !found.contains(family) {
            if self.hasKeywordSet(mask, family: family) { found.insert(family) }
        }
    }
}

/// The keywords of an ``InstructionIndex`` found from a word's bytes: a word holds the keywords it equals, and those of
/// four or more bytes it starts with, so its first (up to) four bytes and whether it has four name every keyword it
/// can hold. Those bytes index a small open-addressing table with a multiplicative hash, where a `Dictionary` of
/// `String`s hashed each word with SipHash twice (a tenth of the instruction detector's time, issue 14).
struct ASCIIKeywordTable: Sendable {
    private struct Entry: Sendable {
        var key: UInt64
        /// Keyword indices with their bytes.
        var keywords: [(index: Int, bytes: [UInt8])]
    }

    private let slots: [Entry?]
    private let shift: UInt64

    init(keywords: [String]) {
        var entries: [UInt64: [(index: Int, bytes: [UInt8])]] = [:]
        for (index, keyword) in keywords.enumerated() {
            let bytes = Array(keyword.utf8)
            guard !bytes.isEmpty else { continue }
            let key = bytes.withUnsafeBufferPointer(Self.key)
            entries[key, default: []].append((index, bytes))
        }
        var size = 16
        var bits: UInt64 = 4
        while size < entries.count * 4 {
            size *= 2
            bits += 1
        }
        var slots = [Entry?](repeating: nil, count: size)
        for (key, list) in entries {
            var slot = Self.slot(of: key, shift: 64 - bits)
            while slots[slot] != nil { slot = (slot + 1) & (size - 1) }
            slots[slot] = Entry(key: key, keywords: list)
        }
        self.slots = slots
        self.shift = 64 - bits
    }

    /// A word's (or keyword's) first up to four bytes, and how many there are, in one nonzero number.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = min(bytes.count, 4)
        var key = UInt64(count) << 32 | 1 << 40
        for offset in 0..<count { key |= UInt64(bytes[offset]) << UInt64(8 * offset) }
        return key
    }

    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The keywords `word` (lowercase ASCII letters and digits) holds.
    func mask(of word: UnsafeBufferPointer<UInt8>) -> InstructionIndex.KeywordMask {
        var mask = InstructionIndex.KeywordMask()
        guard !word.isEmpty else { return mask }
        let key = Self.key(word)
        var slot = Self.slot(of: key, shift: self.shift)
        while let entry = self.slots[slot] {
            if entry.key == key {
                for keyword in entry.keywords
                where word.count >= 4 ? Self.starts(word, with: keyword.bytes) : word.count == keyword.bytes.count {
                    mask.insert(keyword.index)
                }
                return mask
            }
            slot = (slot + 1) & (self.slots.count - 1)
        }
        return mask
    }

    /// Whether `word` starts with `prefix`, whose first four bytes are known to match.
    private static func starts(_ word: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        guard prefix.count <= word.count else { return false }
        var offset = 4
        while offset < prefix.count {
            guard word[offset] == prefix[offset] else { return false }
            offset += 1
        }
        return true
    }
}
