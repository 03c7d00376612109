import Randomness
import Testing

@testable import LanguageModels

/// `PhraseIndex` finds in one pass what searching its phrases one by one with `containsPhrase` finds (issue 14), on
/// random text made of the phrases' own pieces, overlapping and cut short.
struct PhraseIndexTests {
    static let groups = [
        ["i can't help", "cannot help", "ab"], ["not sure", "i'm not", "ab"], ["help", "sure thing"],
    ]

    @Test func onePassFindsWhatEachPhraseFinds() {
        let index = PhraseIndex(groups: Self.groups)
        var generator = SplitMix64(seed: 20)
        let pieces = ["i", " ", "can't", "cannot", "help", "not", "sure", "i'm", "a", "b", "thing", "é", "'"]
        var matched = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(generator.next() % 10)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            let expected = Set(
                Self.groups.indices.filter { group in
                    Self.groups[group].contains { TextNormalization.containsPhrase(text, $0) }
                })
            #expect(index.groups(in: text) == expected, "\(text.debugDescription)")
            #expect(index.firstGroup(in: text) == expected.min(), "\(text.debugDescription)")
            if !expected.isEmpty { matched += 1 }
        }
        #expect(matched > 5_000)
    }
}
