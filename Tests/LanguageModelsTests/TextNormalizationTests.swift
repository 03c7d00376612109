import Foundation
import LanguageModels
import Randomness
import Testing

/// The native string primitives behind instruction detection agree with what they replaced: Foundation's literal
/// `contains`, and the per-family `isPresent(in:)` that `present(in:)` batches.
struct TextNormalizationTests {
    @Test func normalizedStraightensQuotesAndExpandsContractions() {
        #expect(
            TextNormalization.normalized("Don\u{2019}t GUESS; say \u{201C}I can\u{2019}t tell\u{201D}.")
                == "do not guess; say \"i cannot tell\".")
        #expect(TextNormalization.normalized("Plain text, no change.") == "plain text, no change.")
        #expect(TextNormalization.normalized("Ünïcode stays") == "ünïcode stays")
    }

    @Test func containsPhraseAgreesWithFoundationOnRandomText() {
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("ab c'é\u{2019}")
        func text(_ length: Int) -> String {
            String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        for _ in 0..<2_000 {
            let haystack = text(Int(generator.next() % 24))
            let needle = text(Int(generator.next() % 4))
            let expected = needle.isEmpty ? true : haystack.contains(needle)
            #expect(TextNormalization.containsPhrase(haystack, needle) == expected, "\(haystack) / \(needle)")
        }
    }

    @Test func presentAgreesWithEachFamilysOwnCheck() {
        let texts = [
            "SYSTEM: You are a helpful assistant. Answer from the context only. If the context does not contain the answer, say you don't know.",
            "Be concise: no more than 50 words. Answer every part of the question.",
            "Always answer the question. Never say you do not know.",
            "Return JSON only, following the output format.\nCopy numbers exactly as written.",
            "Decline only requests outside our products; answer whenever the context covers them.",
            "Keep a warm tone.",
            "",
        ]
        for text in texts {
            let oneByOne = Set(InstructionFamily.allCases.filter { $0.isPresent(in: text) })
            #expect(InstructionFamily.present(in: text) == oneByOne, "\(text)")
        }
        #expect(!InstructionFamily.present(in: texts[0]).isEmpty)
    }

    /// The character-by-character definition `words` had before its ASCII fast path.
    static func referenceWords(_ text: String) -> [String] {
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

    @Test func wordsAgreeWithTheCharacterDefinition() {
        var generator = SplitMix64(seed: 5)
        let alphabets = [Array("aZ9 ,.'-\n"), Array("aZ9 ,é\u{2019}ß")]
        for alphabet in alphabets {
            for _ in 0..<2_000 {
                let length = Int(generator.next() % 30)
                let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
                #expect(TextNormalization.words(text) == Self.referenceWords(text), "\(text)")
            }
        }
        #expect(TextNormalization.words("Don't GUESS: 3.5 km!") == ["don", "t", "guess", "3", "5", "km"])
    }
}
