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

    /// An appended patch's prompt has its parts' families when `present(inJoined:...)` says so, on random bases and
    /// patches of keywords and whole phrases, ending a sentence or not, with white space at the base's end.
    @Test func aJoinHasItsPartsFamilies() {
        let phrases = InstructionFamily.allCases.flatMap { InstructionDetection($0).phrases }
        var generator = SplitMix64(seed: 61)
        func text() -> String {
            var text = ""
            for _ in 0..<Int(1 + generator.next() % 8) {
                text +=
                    generator.next() % 3 == 0
                    ? phrases[Int(generator.next() % UInt64(phrases.count))] : Self.piece(&generator)
                text += Self.separators[Int(generator.next() % UInt64(Self.separators.count))]
            }
            return text
        }
        var joins = 0
        for _ in 0..<10_000 {
            var base = text()
            if generator.next() % 2 == 0 { base += [".", "!", ";", ":", " ", "\n", ". \n"][Int(generator.next() % 7)] }
            let patch = generator.next() % 5 == 0 ? "- " + text() : text()
            guard let joined = PatchOperationLike.append(patch, to: base) else { continue }
            let families = InstructionFamily.present(
                inJoined: joined, base: base, baseFamilies: InstructionFamily.present(in: base), patch: patch,
                patchFamilies: InstructionFamily.present(in: patch))
            #expect(
                families == InstructionFamily.present(in: joined),
                "\(base.debugDescription) + \(patch.debugDescription)")
            if InstructionFamily.isJoin(joined, of: base, and: patch) { joins += 1 }
        }
        #expect(joins > 3_000, "the join's shortcut was taken \(joins) times")
        #expect(InstructionIndex().phrasesStayInSentences, "without it the ranker analyses every patched prompt whole")
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

/// `PatchOperation.append` (of the patch generator, which this module does not see): the base without its
/// trailing white space, then a line break before a list item or header or after a colon, else a space.
enum PatchOperationLike {
    static func append(_ patch: String, to prompt: String) -> String? {
        var base = prompt
        while let last = base.last, last.isWhitespace { base.removeLast() }
        if base.isEmpty { return nil }
        let block = ["- ", "* ", "#"].contains { patch.hasPrefix($0) }
        return base + (block || base.hasSuffix(":") ? "\n" : " ") + patch
    }
}
