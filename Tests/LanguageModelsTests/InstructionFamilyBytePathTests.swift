import Randomness
import Testing

@testable import LanguageModels

/// `InstructionFamily.present(in:)` reads an ASCII text's words as bytes (`ASCIIKeywordTable`) and finds what making
/// each word a `String` and looking it up finds (`presentByWords`), on random text made of the detector's own
/// keywords, stretched, cut short and capitalised, between sentence breaks, list markers and contractions.
struct InstructionFamilyBytePathTests {
    static let keywords = InstructionIndex().keywords

    static let separators = [
        " ", " ", " ", ". ", "; ", "! ", "? ", "\n", "\r\n", "\n- ", "\n1. ", "2) ", ", ", "'", "-", ".", "  ", "\t",
    ]

    static func piece(_ generator: inout SplitMix64) -> String {
        let keyword = Self.keywords[Int(generator.next() % UInt64(Self.keywords.count))]
        switch generator.next() % 10 {
        case 0: return String(keyword.prefix(3))
        case 1: return String(keyword.prefix(4))
        case 2: return keyword + ["s", "ing", "ed", "9"][Int(generator.next() % 4)]
        case 3: return keyword.prefix(1).uppercased() + keyword.dropFirst()
        case 4: return ["don't", "can't", "won't", "isn't", "Do", "NOT", "7", "x"][Int(generator.next() % 8)]
        default: return keyword
        }
    }

    @Test func bytesFindWhatWordsFind() {
        var generator = SplitMix64(seed: 16)
        var found = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 14) {
                text += Self.piece(&generator)
                text += Self.separators[Int(generator.next() % UInt64(Self.separators.count))]
            }
            let expected = InstructionFamily.presentByWords(in: text)
            #expect(InstructionFamily.present(in: text) == expected, "\(text.debugDescription)")
            if expected.count >= 2 { found += 1 }
        }
        #expect(found > 2_000, "the texts rarely state two families; the check says little")
    }

    @Test func keywordsOfEveryLengthAreFound() {
        let index = InstructionIndex()
        for (position, keyword) in index.keywords.enumerated() {
            for word in [keyword, keyword + "s", String(keyword.dropLast())] {
                let bytes = Array(word.utf8)
                let mask = bytes.withUnsafeBufferPointer { index.asciiKeywordMask(of: $0) }
                #expect(mask == index.keywordMask(of: [word]), "\(word)")
                if word == keyword {
                    var expected = InstructionIndex.KeywordMask()
                    expected.insert(position)
                    #expect(mask.contains(expected), "\(word)")
                }
            }
        }
    }
}
