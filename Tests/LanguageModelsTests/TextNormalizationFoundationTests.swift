import Foundation
import Randomness
import Testing

@testable import LanguageModels

/// The native trimming and counting that replaced Foundation's in the verifier and the mode inference (issue 14: a
/// tenth of a ranker's CPU on clusters it had not seen) answer as Foundation does.
struct TextNormalizationFoundationTests {
    /// Every Unicode scalar, alone at either end of a word: trimmed exactly when Foundation trims it, for both sets
    /// (U+200B, which Unicode does not call white space, among them).
    @Test func theWhiteSpaceSetsAreFoundations() {
        var differing: [String] = []
        for value in 0..<0x11_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "a" + String(scalar)
            for (newlines, set) in [(true, CharacterSet.whitespacesAndNewlines), (false, .whitespaces)] {
                let native = TextNormalization.trimmed(text, newlines: newlines)
                let foundation = text.trimmingCharacters(in: set)
                if native != foundation { differing.append("U+\(String(value, radix: 16)) newlines \(newlines)") }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func trimmingMatchesFoundationOnMixedText() {
        var generator = SplitMix64(seed: 16)
        let pieces = [
            "a", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{200B}", "\u{2028}", "e\u{301}", "\u{301}", "😀", ".", "\u{85}",
        ]
        for _ in 0..<5_000 {
            let text = (0..<Int(generator.next() % 10)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            #expect(TextNormalization.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(
                TextNormalization.trimmed(text, newlines: false) == text.trimmingCharacters(in: .whitespaces),
                "\(text.debugDescription)")
            let middle = text.dropFirst(min(1, text.count))
            #expect(TextNormalization.trimmed(middle) == middle.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func occurrencesAreWhatSplittingCounts() {
        var generator = SplitMix64(seed: 17)
        let pieces = ["`", "``", "```", "a", " ", "\n", "json"]
        for _ in 0..<5_000 {
            let text = (0..<Int(generator.next() % 12)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            for phrase in ["```", "`", " a ", "json"] {
                #expect(
                    TextNormalization.occurrences(of: phrase, in: text)
                        == text.components(separatedBy: phrase).count - 1, "\(text.debugDescription) \(phrase)")
            }
        }
        #expect(TextNormalization.occurrences(of: "", in: "abc") == 0)
    }
}
