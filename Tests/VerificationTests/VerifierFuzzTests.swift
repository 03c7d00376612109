import Experiences
import Testing

@testable import Verification

/// Text of any shape, as users, models and dialogue histories write it, never stops the verifier: random strings over
/// the characters its rules read (digits and separators of numbers, currency signs, sentence ends, apostrophes,
/// combining marks, words its rules key on) as input, context, reference and response.
struct VerifierFuzzTests {
    static let pieces = [
        "a", "B", "or", "Or", "both", "and", "first", "more", "less", "taller", "cheaper", "titles", "not", "no", "Yes",
        "I", "J.", "Dr.", "St.", "1", "12", "1,200", "1.5", "2023-11-04", "9:30", "6 pm", "$", "€", "120", "kg",
        "million", "BC", "'s", "’", "\u{0301}", "é", "?", "!", ".", ",", ":", ";", "-", "(", ")", "\"", "\n", "\r\n",
        " ", " ", " ", "{\"answer\": 1}", "1.", "2)", "•", "I'm sorry, I can't help with that.", "Hello!",
        "I don't know.", "Exactly!",
    ]

    /// The words the comparison readings key on, drawn more often for inputs so that their shapes come up.
    static let questionPieces = [
        "or", "Or", "both", "and", "Are", "first", "more", "fewer", "taller", "titles", "Oasis", "Blur", ".", "?", ",",
    ]

    @Test func noTextStopsTheVerifier() throws {
        let verifier = try Verifier()
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func text(upTo length: Int, from pieces: [String] = Self.pieces) -> String {
            (0..<next(length + 1)).map { _ in pieces[next(pieces.count)] }.joined(separator: next(3) == 0 ? "" : " ")
        }
        var verdicts = 0
        for _ in 0..<4000 {
            let experience = Experience(
                id: "", input: text(upTo: 12, from: next(2) == 0 ? Self.pieces : Self.questionPieces),
                context: next(4) == 0 ? nil : text(upTo: 30), response: "",
                reference: next(3) == 0 ? text(upTo: 8) : nil)
            let prepared = verifier.prepare(experience)
            for _ in 0..<2 {
                let verdict = verifier.verify(output: text(upTo: 14), for: prepared)
                #expect(verdict.reward.isFinite && (0...1).contains(verdict.reward))
                verdicts += 1
            }
        }
        #expect(verdicts == 8000)
    }
}
