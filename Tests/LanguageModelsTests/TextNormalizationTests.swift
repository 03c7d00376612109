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
}
