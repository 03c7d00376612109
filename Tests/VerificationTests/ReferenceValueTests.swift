import Experiences
import Testing
import Verification

/// With a reference, an answer to an open question that gives none of the values the reference gives answers
/// another question: `unanswered`. SmolLM2-135M's answers to the demo world's questions, all true, all successes
/// before (`Docs/verifier.md`, "Failure modes").
struct ReferenceValueTests {
    static let context = """
        The Kestrel Ultra is a tent sold by Northwind Outfitters. The Kestrel Ultra is made in Slovenia. The Kestrel \
        Ultra weighs 2120 grams. The Kestrel Ultra comes with a 10-year warranty. The Lisbon store opens at 10 am and closes at \
        9 pm. The Lisbon store has 80 parking spaces. The Student membership includes five free equipment rentals \
        per year. Members on the Premier membership get 20 percent off all gear. Returns are refunded after 30 days.
        """

    static func question(_ input: String, reference: String) -> Experience {
        Experience(id: "q", input: input, context: context, response: "", reference: reference)
    }

    @Test(arguments: [
        (
            "What is the weight of the Kestrel Ultra?", "The Kestrel Ultra weighs 2120 grams.",
            "The Kestrel Ultra is made in Slovenia."
        ),
        (
            "Quick question: What warranty comes with the Kestrel Ultra?",
            "The Kestrel Ultra comes with a 10-year warranty.",
            "The Kestrel Ultra is a tent sold by Northwind Outfitters."
        ),
        (
            "Hello! How much do I save on gear with the Premier membership?",
            "Members on the Premier membership get 20 percent off all gear.",
            "Hello! How much do I save on gear with the Premier membership?\n\nThe answer is: 10."
        ),
    ])
    func anAnswerWithoutTheAskedValueIsUnanswered(input: String, reference: String, answer: String) throws {
        let verdict = try Verifier().verify(output: answer, for: Self.question(input, reference: reference))
        #expect(verdict.failureModes == [.unanswered], "\(verdict)")
        #expect(!verdict.success && verdict.parts.relevance == 0)
        // Without the reference nothing shows it.
        var unreferenced = Self.question(input, reference: reference)
        unreferenced.reference = nil
        #expect(try Verifier().verify(output: answer, for: unreferenced).success)
    }

    @Test(arguments: [
        ("What is the weight of the Kestrel Ultra?", "The Kestrel Ultra weighs 2120 grams.", "It weighs 2,120 grams."),
        (
            "When is the Lisbon store open?", "The Lisbon store opens at 10 am and closes at 9 pm.",
            "The Lisbon store is open from 10:00 AM."
        ),
        (
            "How many equipment rentals does the Student membership include?",
            "The Student membership includes five free equipment rentals per year.", "You get 5 free rentals a year."
        ),
        // The value the input already states is no answer to it.
        ("What happens to returns after 30 days?", "Returns are refunded after 30 days.", "They are refunded."),
        // A yes/no question is answered without the reference's detail.
        ("Is there parking at the Lisbon store?", "The Lisbon store has 80 parking spaces.", "Yes, there is parking."),
    ])
    func anAnswerWithTheValueOrToAnotherKindOfQuestionPasses(input: String, reference: String, answer: String) throws {
        let verdict = try Verifier().verify(output: answer, for: Self.question(input, reference: reference))
        #expect(!verdict.failureModes.contains(.unanswered), "\(verdict)")
    }

    /// An invented value is a hallucination, and only that: the worse failure explains the missing value.
    @Test func anInventedValueStaysAHallucination() throws {
        let verdict = try Verifier().verify(
            output: "The Kestrel Ultra weighs 900 grams.",
            for: Self.question(
                "What is the weight of the Kestrel Ultra?", reference: "The Kestrel Ultra weighs 2120 grams."))
        #expect(verdict.failureModes == [.hallucination], "\(verdict)")
    }
}
