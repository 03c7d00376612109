import Experiences
import Testing
import Verification

/// What the system prompt tells the model (the company it speaks for) is no invention: SmolLM2's "... a part of
/// Northwind Outfitters' business since 2018." was a hallucination because only the system prompt names the company.
struct SystemPromptSupportTests {
    static let prompt =
        "You are the customer assistant for Northwind Outfitters, an outdoor gear retailer. Keep a warm and friendly tone."
    static let question = Experience(
        id: "q", input: "Since when has the Premier membership existed?",
        context: "The Premier membership was introduced in 2018. It costs 16 dollars per month.", response: "")

    @Test func theSystemPromptsWordsAreSupported() throws {
        let answer =
            "The Premier membership was introduced in 2018 and has been a part of Northwind Outfitters' business since 2018."
        let verifier = try Verifier()
        let unprompted = verifier.verify(output: answer, for: Self.question)
        #expect(unprompted.hallucination, "only the system prompt names the company: \(unprompted)")
        let prompted = verifier.verify(output: answer, for: Self.question.scored(underSystemPrompt: Self.prompt))
        #expect(prompted.success, "\(prompted)")
        // An invention stays one.
        let invented = verifier.verify(
            output: "The Premier membership was introduced in 2015 by Harbor Gear.",
            for: Self.question.scored(underSystemPrompt: Self.prompt))
        #expect(invented.hallucination, "\(invented)")
    }

    /// Its words are what the operator said, as the input's are what the user said: no fact from the context, so a
    /// refusal that names the company is still a refusal.
    @Test func aRefusalNamingTheCompanyStaysARefusal() throws {
        let refusal = "I'm sorry, but as a Northwind Outfitters assistant I'm unable to provide that."
        let verdict = try Verifier().verify(output: refusal, for: Self.question.scored(underSystemPrompt: Self.prompt))
        #expect(verdict.responseKind != .answer && verdict.failureModes == [.refusal], "\(verdict)")
    }

    @Test func aLoggedSystemPromptIsKept() {
        var logged = Self.question
        logged.metadata[Experience.systemPromptKey] = "You answer for Harbor Gear."
        #expect(
            logged.scored(underSystemPrompt: Self.prompt).metadata[Experience.systemPromptKey]
                == "You answer for Harbor Gear.")
        #expect(Self.question.scored(underSystemPrompt: "").metadata[Experience.systemPromptKey] == nil)
    }
}
