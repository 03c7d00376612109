import Experiences
import Randomness
import Testing

@testable import Verification

/// `PreparedExperience.opensWithQuestionWord(lastSentenceOf:)` walks back by index (issue 14: building the sentence
/// reversed was a twentieth of a ranker's CPU on clusters it had not seen) and answers as the reversing version
/// did, kept here as the reference, on random text full of what it looks at.
struct QuestionWordTests {
    static func reference(_ input: String) -> Bool {
        let trimmed = input.reversed().drop { $0.isWhitespace || $0 == "?" }
        let sentence = trimmed.prefix { !".!?:\n".contains($0) }
        let first = String(sentence.reversed()).split(whereSeparator: { !$0.isLetter }).first
        return first.map { PreparedExperience.questionWords.contains($0.lowercased()) } ?? false
    }

    @Test func walkingBackAnswersAsReversing() {
        var generator = SplitMix64(seed: 18)
        let pieces = [
            "What", "how", "WHO", "is", " ", "?", ".", "!", ":", "\n", "\r\n", "\t", "e\u{301}", "\u{301}", "when's",
            "2", "-", "Where", "whò", "\u{0600}", ".\u{301}", "\u{B}", "\r",
        ]
        var asked = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(generator.next() % 9)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            let answer = PreparedExperience.opensWithQuestionWord(lastSentenceOf: text)
            #expect(answer == Self.reference(text), "\(text.debugDescription)")
            if answer { asked += 1 }
        }
        #expect(asked > 1_000)
    }
}

/// `Verifier.verifyAndAnalyse(output:for:)`, which the mode inference and the clustering's failure-mode terms use
/// so a response is tokenised and analysed once, answers what `verify` and `analyse` answer apart.
struct VerifyAndAnalyseTests {
    @Test func oneAnalysisAnswersAsTwo() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "e", input: "Where is the Cascade Pro made, and how long is its warranty?",
            context: "The Cascade Pro is made in Portugal. It has a 3-year warranty.", response: "")
        let prepared = verifier.prepare(experience)
        for output in [
            "It is made in Portugal and has a 3-year warranty.", "It is made in Spain by Granite Works.",
            "I'm sorry, I can't help with that.", "", "It has a 5-year warranty, made in Portugal.",
        ] {
            let both = verifier.verifyAndAnalyse(output: output, for: prepared)
            #expect(both.verdict == verifier.verify(output: output, for: prepared), "\(output)")
            #expect(both.analysis == verifier.analyse(output: output, for: prepared), "\(output)")
        }
    }
}

/// `FailureDiagnosis.sentences(of:)` splits ASCII text byte by byte (issue 14: the `Character` walk was a tenth of
/// a clustering's CPU) into the sentences the `Character` walk finds.
struct ASCIISentenceTests {
    @Test func bytesSplitAsCharacters() throws {
        var generator = SplitMix64(seed: 19)
        let pieces = [
            "a", "Bc", " ", ".", "!", "?", "\n", "\r\n", "\r", "\t", "\u{0B}", "\u{0C}", "3.5", ":", "-", "  ",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int(generator.next() % 12)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            let bytes = try #require(FailureDiagnosis.asciiSentences(of: text))
            #expect(bytes == FailureDiagnosis.sentencesByCharacter(of: text), "\(text.debugDescription)")
        }
        #expect(FailureDiagnosis.asciiSentences(of: "Caf\u{E9}. Open.") == nil)
    }
}

/// `Tokenizer.normalize(_:)` strips an ASCII word's suffixes byte by byte (issue 14) as the `Character` version
/// does, on random words made of the suffixes it looks at.
struct ASCIINormalizeTests {
    @Test func bytesStemAsCharacters() throws {
        var generator = SplitMix64(seed: 21)
        let pieces = ["s", "'s", "ies", "ing", "ed", "ss", "us", "is", "a", "b", "'", "e", "in", "i"]
        for _ in 0..<20_000 {
            let word = (0..<Int(generator.next() % 6)).map { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            let bytes = try #require(Tokenizer.asciiNormalize(word))
            #expect(bytes == Tokenizer.normalizeByCharacter(word), "\(word.debugDescription)")
        }
        #expect(Tokenizer.asciiNormalize("cafés") == nil)
    }
}
