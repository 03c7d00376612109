import LanguageModels
import Testing

/// `InstructionFamily.present(in:)` searches the whole text for phrases and each sentence only for keyword sets
/// (issue 14's rank speed); it must find exactly the families ``InstructionFamily/isPresent(in:)`` finds one by one.
struct InstructionDetectionTests {
    static func texts() -> [String] {
        let pieces =
            InstructionFamily.allCases.flatMap { $0.phrases + $0.keywordSets.map { $0.joined(separator: " ") } }
            + [
                "SYSTEM: You help travellers.", "Don't", "don’t", "If", "the", "context", "fabricated", "Be", ".", ". ",
                "; ", "!\n", "\n- ", "1. ", "? ", ",", " ", " ", "words", "at", "most", "NEVER", "Say", "know",
            ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let random = (0..<300).map { _ in
            (0..<(1 + next(10))).map { _ in pieces[next(pieces.count)] }.joined(separator: next(3) == 0 ? "" : " ")
        }
        return [
            "", "SYSTEM: Only use the context. If unsure, say you don't know.\n- Be concise: at most 50 words.",
            "# Rules\n- Answer every part.\n- Keep it short.\n\nNever refuse; always answer.",
        ] + random
    }

    @Test func presentFindsWhatEachFamilyFindsAlone() {
        var found = 0
        for text in Self.texts() {
            let expected = Set(InstructionFamily.allCases.filter { $0.isPresent(in: text) })
            #expect(InstructionFamily.present(in: text) == expected, "\(text)")
            found += expected.count
        }
        #expect(found > 300, "the texts hold instructions")
    }

    @Test func noPhraseSpansASentenceBreak() {
        for family in InstructionFamily.allCases {
            for phrase in family.phrases {
                #expect(!phrase.contains { ".!?;\n".contains($0) }, "\(phrase)")
            }
        }
    }
}
