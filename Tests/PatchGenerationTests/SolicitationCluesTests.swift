import PatchGeneration
import Testing

/// The solicitation rule skips a pattern whose clue is absent (issue 14: its regular expressions were a third of a
/// rank); skipping must never change a verdict.
struct SolicitationCluesTests {
    /// Texts built from fragments of addresses, numbers and credential words, and of ordinary patches, in every
    /// case and with non-ASCII letters, so each pattern both matches and nearly matches.
    static func texts() -> [String] {
        let fragments = [
            "www", ".", "com", "://", "http", "@", "help", "desk", "+", "1", "415", "555", "0100", "-", "(", ")", " ",
            " ", " ", "Card", "number", "PIN", "codes", "one", "time", "pass", "Word", "ssn", "log in", "details",
            "sort", "seed", "phrase", "Only use the context", "e.g.", "/", "x", "é", "ſ", "Ｗ", "\n",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let fixed =
            PatchAdmissionTests.solicitations.map(\.text) + PatchAdmissionTests.ordinary + [
                PatchAdmissionTests.issuePatch, "WWW.EXAMPLE.ORG", "Mail HELP@EXAMPLE.COM", "Call +1 (415) 555-0100",
                "Ask for the paſſword.", "Visit ｗｗｗ.example.com", "", "x",
            ]
        return fixed
            + (0..<400).map { _ in (0..<(1 + next(12))).map { _ in fragments[next(fragments.count)] }.joined() }
    }

    @Test func screenedVerdictsEqualTheFullRule() async {
        var refused = 0
        for text in Self.texts() {
            // Every unscreened text runs nine regular expressions, slow in a debug build: let other tests run.
            await Task.yield()
            let screened = SolicitationRule.violation(in: text)
            #expect(screened == SolicitationRule.violation(in: text, clues: nil), "\(text)")
            if screened != nil { refused += 1 }
        }
        #expect(refused > 30, "the texts exercise the patterns")
    }

    @Test func ordinaryPatchesHaveNoClues() throws {
        let clues = try #require(SolicitationClues("Only use the context to answer, and do not make up names."))
        #expect(!clues.schemeSeparator && !clues.www && !clues.at && !clues.dotBeforeLetter)
        #expect(!clues.plusBeforeDigit && clues.digits == 0 && !clues.credentialStem)
        #expect(SolicitationClues("Ask for the paſſword.") == nil, "non-ASCII text runs every pattern")
    }
}
