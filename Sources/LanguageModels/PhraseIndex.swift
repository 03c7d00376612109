/// Groups of phrases compiled for one pass over a text's UTF-8 bytes: which groups have a phrase the text contains,
/// byte for byte (the literal search of ``TextNormalization/containsPhrase(_:_:)``), where searching phrase by phrase
/// reads the text once per phrase. The instruction detector's phrases (a group per family) and the verifier's
/// refusal and abstention phrases (issue 14: a tenth of a clustering's CPU) use it.
package struct PhraseIndex: Sendable {
    struct Phrase: Sendable {
        /// Where the phrase's bytes are in ``bytes``.
        var start: Int
        var count: Int
        var group: Int
    }

    /// Every phrase, those with the same first two bytes side by side, in the order given.
    private let phrases: [Phrase]
    /// Every phrase's bytes, one after the other.
    private let bytes: [UInt8]
    /// One bit per two-byte start (`first << 8 | second`; every phrase has at least two) that begins some phrase,
    /// so most text positions cost one bit test.
    private let startBits: [UInt64]
    /// How many starts have their bit set in the words of ``startBits`` before each one: with the bits below a
    /// start's own, its rank among the starts, which indexes ``firstPhrase`` (a `Dictionary` look-up per position
    /// hashed the start with SipHash, half the search's time; issue 14).
    private let startRanks: [Int32]
    /// The first phrase of each start, by rank, and one past the last phrase at the end.
    private let firstPhrase: [Int32]

    /// Compiles `groups`, each a list of phrases of at least two bytes.
    package init(groups: [[String]]) {
        var byStart: [UInt16: [(bytes: [UInt8], group: Int)]] = [:]
        var startBits = [UInt64](repeating: 0, count: 1024)
        for (group, list) in groups.enumerated() {
            for phrase in list {
                let bytes = Array(phrase.utf8)
                precondition(bytes.count >= 2, "an indexed phrase has at least two bytes")
                let start = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
                byStart[start, default: []].append((bytes, group))
                startBits[Int(start) >> 6] |= 1 << UInt64(start & 63)
            }
        }
        var phrases: [Phrase] = []
        var allBytes: [UInt8] = []
        var firstPhrase: [Int32] = []
        for start in byStart.keys.sorted() {
            firstPhrase.append(Int32(phrases.count))
            for phrase in byStart[start]! {
                phrases.append(Phrase(start: allBytes.count, count: phrase.bytes.count, group: phrase.group))
                allBytes.append(contentsOf: phrase.bytes)
            }
        }
        firstPhrase.append(Int32(phrases.count))
        var startRanks: [Int32] = []
        var rank: Int32 = 0
        for word in startBits {
            startRanks.append(rank)
            rank += Int32(word.nonzeroBitCount)
        }
        self.phrases = phrases
        self.bytes = allBytes
        self.startBits = startBits
        self.startRanks = startRanks
        self.firstPhrase = firstPhrase
    }

    /// The groups (indices) one of whose phrases `text` contains.
    ///
    /// - Complexity: O(n) plus the phrases starting at positions whose first two bytes begin one.
    package func groups(in text: String) -> Set<Int> {
        var found: Set<Int> = []
        var text = text
        text.withUTF8 { bytes in
            self.scan(
                bytes, wanted: { !found.contains($0) },
                found: { group in
                    found.insert(group)
                    return false
                })
        }
        return found
    }

    /// The lowest group one of whose phrases `text` contains, or `nil`: what checking the groups in order, phrase
    /// by phrase, finds first.
    package func firstGroup(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { self.firstGroup(in: $0) }
    }

    /// ``firstGroup(in:)`` of UTF-8 bytes.
    package func firstGroup(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var first: Int?
        self.scan(
            bytes, wanted: { $0 < first ?? .max },
            found: { group in
                first = group
                return group == 0
            })
        return first
    }

    /// Calls `found` with the group of each match of a phrase whose group is `wanted`, left to right, until it
    /// returns `true`.
    private func scan(_ text: UnsafeBufferPointer<UInt8>, wanted: (Int) -> Bool, found: (Int) -> Bool) {
        guard text.count >= 2 else { return }
        self.bytes.withUnsafeBufferPointer { phraseBytes in
            for index in 0..<(text.count - 1) {
                let start = Int(text[index]) << 8 | Int(text[index + 1])
                let word = self.startBits[start >> 6]
                let bit = UInt64(1) << UInt64(start & 63)
                guard word & bit != 0 else { continue }
                let rank = Int(self.startRanks[start >> 6]) + (word & (bit - 1)).nonzeroBitCount
                for phrase in self.phrases[Int(self.firstPhrase[rank])..<Int(self.firstPhrase[rank + 1])]
                where wanted(phrase.group) {
                    guard index + phrase.count <= text.count else { continue }
                    var offset = 2
                    while offset < phrase.count && text[index + offset] == phraseBytes[phrase.start + offset] {
                        offset += 1
                    }
                    if offset == phrase.count, found(phrase.group) { return }
                }
            }
        }
    }
}
