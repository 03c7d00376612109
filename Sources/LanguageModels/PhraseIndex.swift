/// Groups of phrases compiled for one pass over a text's UTF-8 bytes: which groups have a phrase the text contains,
/// byte for byte (the literal search of ``TextNormalization/containsPhrase(_:_:)``), where searching phrase by phrase
/// reads the text once per phrase. The instruction detector's phrases (a group per family) and the verifier's
/// refusal and abstention phrases (issue 14: a tenth of a clustering's CPU) use it.
package struct PhraseIndex: Sendable {
    struct Phrase: Sendable {
        var bytes: [UInt8]
        var group: Int
    }

    /// Phrases by their first two bytes (`first << 8 | second`; every phrase has at least two).
    private let phrasesByStart: [UInt16: [Phrase]]
    /// One bit per two-byte start that begins some phrase, so most text positions cost one bit test.
    private let startBits: [UInt64]

    /// Compiles `groups`, each a list of phrases of at least two bytes.
    package init(groups: [[String]]) {
        var phrases: [UInt16: [Phrase]] = [:]
        var startBits = [UInt64](repeating: 0, count: 1024)
        for (group, list) in groups.enumerated() {
            for phrase in list {
                let bytes = Array(phrase.utf8)
                precondition(bytes.count >= 2, "an indexed phrase has at least two bytes")
                let start = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
                phrases[start, default: []].append(Phrase(bytes: bytes, group: group))
                startBits[Int(start) >> 6] |= 1 << UInt64(start & 63)
            }
        }
        self.phrasesByStart = phrases
        self.startBits = startBits
    }

    /// The groups (indices) one of whose phrases `text` contains.
    ///
    /// - Complexity: O(n) plus the phrases starting at positions whose first two bytes begin one.
    package func groups(in text: String) -> Set<Int> {
        var found: Set<Int> = []
        self.scan(
            text, wanted: { !found.contains($0) },
            found: { group in
                found.insert(group)
                return false
            })
        return found
    }

    /// The lowest group one of whose phrases `text` contains, or `nil`: what checking the groups in order, phrase
    /// by phrase, finds first.
    package func firstGroup(in text: String) -> Int? {
        var first: Int?
        self.scan(
            text, wanted: { $0 < first ?? .max },
            found: { group in
                first = group
                return group == 0
            })
        return first
    }

    /// Calls `found` with the group of each match of a phrase whose group is `wanted`, left to right, until it
    /// returns `true`.
    private func scan(_ text: String, wanted: (Int) -> Bool, found: (Int) -> Bool) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.count >= 2 else { return }
            for index in 0..<(bytes.count - 1) {
                let start = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                guard self.startBits[Int(start) >> 6] & (1 << UInt64(start & 63)) != 0,
                    let candidates = self.phrasesByStart[start]
                else { continue }
                for phrase in candidates where wanted(phrase.group) {
                    let length = phrase.bytes.count
                    guard index + length <= bytes.count else { continue }
                    var offset = 2
                    while offset < length && bytes[index + offset] == phrase.bytes[offset] { offset += 1 }
                    if offset == length, found(phrase.group) { return }
                }
            }
        }
    }
}
