import Experiences
import LanguageModels
import Testing
import Verification

/// An answer the token cap cut (`finish_reason: "length"`) is `incomplete` however its text ends: "The Ghent" cut
/// from "The Ghent store has 40 parking spaces." reads as a fragment that finished, and scored as a success.
struct CutAnswerTests {
    static let context =
        "The Ghent store has 40 parking spaces and a team of 12 people. The Cascade Pro is made by Northwind Outfitters in Portugal."
    static let question = Experience(
        id: "q", input: "How many parking spaces does the Ghent store have?", context: context, response: "")

    @Test func anAnswerTheCapCutIsIncompleteAndNoSuccess() async throws {
        let verifier = try Verifier()
        let uncut = verifier.verify(output: "The Ghent", for: Self.question)
        #expect(!uncut.failureModes.contains(.incomplete), "the text alone does not show the cut: \(uncut)")
        for verdict in [
            verifier.verify(output: "The Ghent", finishReason: .length, for: Self.question),
            try await verifier.scorer(for: Self.question)("The Ghent", finishReason: .length),
            try await verifier.score(output: "The Ghent", finishReason: .length, for: Self.question),
        ] {
            #expect(verdict.failureModes.contains(.incomplete), "\(verdict)")
            #expect(!verdict.success)
            #expect(verdict.reward < uncut.reward)
        }
    }

    @Test func aFinishedAnswerIsUnchangedByItsReason() throws {
        let verifier = try Verifier()
        let answer = "The Ghent store has 40 parking spaces."
        let plain = verifier.verify(output: answer, for: Self.question)
        #expect(plain.success, "\(plain)")
        #expect(verifier.verify(output: answer, finishReason: .stop, for: Self.question) == plain)
        #expect(
            verifier.verify(output: answer, finishReason: FinishReason(rawValue: "content_filter"), for: Self.question)
                == plain)
    }

    @Test func aLoggedResponseIsReadAsCutFromItsMetadata() throws {
        var logged = Self.question
        logged.response = "The Ghent"
        logged.metadata[Experience.finishReasonKey] = "length"
        let verdict = try Verifier().verify(logged)
        #expect(verdict.failureModes.contains(.incomplete) && !verdict.success, "\(verdict)")
        logged.metadata[Experience.finishReasonKey] = "stop"
        #expect(try !Verifier().verify(logged).failureModes.contains(.incomplete))
    }

    /// A cut right after a sentence's closing mark leaves the reader whole sentences: SmolLM2, cut there, had
    /// answered "How long has the Portland store been around?" in full.
    @Test func aCutAfterAWholeSentenceIsNoIncompleteAnswer() throws {
        let verifier = try Verifier()
        for answer in ["The Ghent store has 40 parking spaces.", "The Ghent store has 40 parking spaces!\u{201D}"] {
            let verdict = verifier.verify(output: answer, finishReason: .length, for: Self.question)
            #expect(!verdict.failureModes.contains(.incomplete), "\(answer): \(verdict)")
        }
        let midSentence = verifier.verify(
            output: "The Ghent store has 40 parking spaces. It also has", finishReason: .length, for: Self.question)
        #expect(midSentence.failureModes.contains(.incomplete), "\(midSentence)")
    }

    /// A rambling answer the cap cut past its length budget is `verbose`: its cause and its fix are its length
    /// (a completeness rule would make it worse), so the cut does not add `incomplete`.
    @Test func aVerboseAnswerTheCapCutStaysVerbose() throws {
        var question = Self.question
        question.metadata["length_budget"] = 10
        let rambling =
            "The Ghent store has 40 parking spaces. It is a lovely store with a team of 12 people, and it is close to the station where many customers arrive every day"
        let verdict = try Verifier().verify(output: rambling, finishReason: .length, for: question)
        #expect(verdict.failureModes.contains(.verbose), "\(verdict)")
        #expect(!verdict.failureModes.contains(.incomplete), "\(verdict)")
    }

    @Test func anAbstentionOrRefusalTheCapCutKeepsItsKind() throws {
        let verifier = try Verifier()
        let refusal = verifier.verify(output: "I'm sorry, I can't help with", finishReason: .length, for: Self.question)
        #expect(refusal.failureModes == [.refusal], "\(refusal)")
    }
}
