import Randomness
import Testing

@testable import LanguageModels

/// The byte-level ASCII paths that made a rank cheaper (issue 14) split and expand exactly as the general
/// `Character` paths do, on random ASCII text full of what the rules look at: sentence ends, line breaks (also
/// `\r\n`, one `Character`), list markers, and contractions.
struct TextNormalizationASCIITests {
    static func randomText(_ pieces: [String], _ generator: inout SplitMix64, count: Int) -> String {
        (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    @Test func asciiSentencesAreTheCharacterSentences() throws {
        var generator = SplitMix64(seed: 14)
        let pieces = [
            "a", "Bc", " ", ".", "!", "?", ";", "\n", "\r\n", "\r", "\t", "- ", "* ", "1", "2. ", "3) ", ":", "-",
        ]
        for _ in 0..<3_000 {
            let text = Self.randomText(pieces, &generator, count: Int(generator.next() % 16))
            let ascii = try #require(TextNormalization.asciiSentenceRanges(text))
            let general = TextNormalization.sentenceRangesByCharacter(text)
            #expect(ascii.map { String(text[$0]) } == general.map { String(text[$0]) }, "\(text.debugDescription)")
        }
        #expect(TextNormalization.asciiSentenceRanges("Caf\u{E9}. Open.") == nil)
    }

    @Test func asciiWordsAreTheCharacterWords() throws {
        var generator = SplitMix64(seed: 15)
        let pieces = ["a", "Z", "q9", " ", "'", "-", ".", "\r\n", "Don't"]
        for _ in 0..<3_000 {
            let text = Self.randomText(pieces, &generator, count: Int(generator.next() % 12))
            #expect(try #require(TextNormalization.asciiWords(text)) == TextNormalization.wordsByCharacter(text))
        }
    }

    @Test func asciiContractionsExpandAsReplacingEachInTurn() throws {
        var generator = SplitMix64(seed: 16)
        let pieces = [
            "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't", "shouldn't", "mustn't", "n't", "do",
            "n", "'t", "x", " ", "wo", "is",
        ]
        for _ in 0..<3_000 {
            let text = Self.randomText(pieces, &generator, count: Int(generator.next() % 10))
            let ascii = try #require(TextNormalization.expandingASCIIContractions(text))
            #expect(ascii == TextNormalization.expandingContractions(text), "\(text)")
        }
        #expect(TextNormalization.normalized("I Don't know; it ISN'T here") == "i do not know; it is not here")
    }
}
