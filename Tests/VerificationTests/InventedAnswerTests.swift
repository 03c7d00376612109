import Experiences
import Testing

@testable import Verification

/// A one-sentence answer to an open question that names something nothing supports has invented its answer, however
/// many of the question's and the context's words surround the name.
struct InventedAnswerTests {
    static let context = """
        The Harbour Light is a 1998 novel by Mara Quinlan, who previously worked as a reporter for the Ashford \
        Gazette. The Gazette is a weekly newspaper.
        """
    static let question = "For which newspaper did the author of The Harbour Light previously work?"

    static func verdict(
        _ output: String, question: String = Self.question, configuration: VerifierConfiguration = .init()
    ) throws -> Verdict {
        try Verifier(configuration: configuration).verify(
            output: output, for: Experience(id: "", input: question, context: Self.context, response: ""))
    }

    @Test func anInventedNameAnsweringTheQuestionIsAHallucination() throws {
        for right in ["The Ashford Gazette", "Mara Quinlan previously worked for the Ashford Gazette."] {
            #expect(try Self.verdict(right).success, "\(right)")
        }
        let wrong = "Mara Quinlan previously worked for the Bristol Gazette."
        let verdict = try Self.verdict(wrong)
        #expect(verdict.hallucination && verdict.unsupportedClaims == ["bristol gazette"])
        // The rule is what catches it: one invented word among supported ones stays under the risk threshold.
        var configuration = VerifierConfiguration()
        configuration.flagInventedAnswers = false
        #expect(!(try Self.verdict(wrong, configuration: configuration).hallucination))
    }

    @Test func itStaysOutOfDialoguesYesNoQuestionsAndLongerAnswers() throws {
        var configuration = VerifierConfiguration()
        configuration.flagInventedAnswers = false
        let cases = [
            // A dialogue history asks more than one question: its answers chat around the name they give.
            ("Mara Quinlan previously worked for the Bristol Gazette.", "Have you read it? " + Self.question),
            (
                "Yes, Mara Quinlan previously worked for the Bristol Gazette.",
                "Did the author of The Harbour Light previously work for a newspaper?"
            ),
            (
                "Mara Quinlan previously worked for the Ashford Gazette. The Gazette is a weekly newspaper in Bristol.",
                Self.question
            ),
        ]
        for (output, question) in cases {
            #expect(!(try Self.verdict(output, question: question, configuration: configuration).hallucination))
            #expect(!(try Self.verdict(output, question: question).hallucination), "\(question)")
        }
    }

    /// A name stitched from two of the context's names is invented although each of its words is supported.
    @Test func aNameStitchedFromTheContextsNamesIsInvented() throws {
        let question = "Who wrote The Harbour Light?"
        for right in ["Mara Quinlan", "Quinlan", "The novel was written by Mara Quinlan.", "Quinlan's Harbour Light"] {
            #expect(try Self.verdict(right, question: question).success, "\(right)")
        }
        let stitched = try Self.verdict("Ashford Quinlan", question: question)
        #expect(stitched.hallucination && stitched.unsupportedClaims == ["ashford quinlan"])
        // Names a few words apart in the context are one name ("President Barack Obama" states "President Obama").
        let titled = "The Harbour Light is a novel by Professor Mara Quinlan of Leeds."
        let verdict = try Verifier().verify(
            output: "Professor Quinlan", for: Experience(id: "", input: question, context: titled, response: ""))
        #expect(verdict.success)
    }

    /// What a chat model adds from what it knows around a supported answer is no invented answer: a country after a
    /// place ("Leeds, England"), an adjective ("a British author"); nor is a name the question itself states, a word
    /// said twice, or two names a dash parts.
    @Test func qualifiersAndTheQuestionsOwnNamesAreNoInventedAnswer() throws {
        let context = "The Harbour Light is a 1998 novel by Mara Quinlan, a reporter who was born in Leeds."
        func verdict(_ output: String, _ question: String) throws -> Verdict {
            try Verifier().verify(
                output: output, for: Experience(id: "", input: question, context: context, response: ""))
        }
        let born = "Where was the author of The Harbour Light born?"
        for right in ["Mara Quinlan was born in Leeds, England.", "Mara Quinlan was born in Leeds in England."] {
            #expect(try verdict(right, born).success, "\(right)")
        }
        #expect(try verdict("Mara Quinlan, a British reporter, was born in Leeds.", born).success)
        // The same words around an invented place: the answer's name.
        #expect(try verdict("Mara Quinlan was born in Bristol, England.", born).hallucination)
        // "Harbour Quinlan" is stitched, unless the question states the pair.
        #expect(try verdict("Harbour Quinlan", "Who wrote The Harbour Light?").hallucination)
        let named = "What did Harbour Quinlan call the novel by Mara Quinlan?"
        #expect(try verdict("Harbour Quinlan called it The Harbour Light.", named).success)
        #expect(try verdict("Mara Quinlan Quinlan", "Who wrote The Harbour Light?").success)
        #expect(try verdict("The Harbour Light - Mara Quinlan", "Who wrote The Harbour Light?").success)
    }
}
