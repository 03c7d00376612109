import Experiences
import Foundation
import Testing
import Verification

/// The failure taxonomy and the reward's ordering of outcomes (Docs/verifier.md, "Failure modes" and "Reward").
struct FailureModeTests {
    static let context =
        "The Cascade Pro is made by Northwind Outfitters in Portugal. It has a 3-year warranty. The Ghent store has a team of 12 people."
    static let answerable = Experience(
        id: "a", input: "How big is the team at the Ghent store?", context: context, response: "")
    static let unanswerable = Experience(
        id: "u", input: "Who founded Northwind Outfitters?", context: context, response: "",
        metadata: ["kind": "unanswerable"])

    static func verdict(_ output: String, _ experience: Experience = answerable) throws -> Verdict {
        try Verifier().verify(output: output, for: experience)
    }

    @Test func aGroundedAnswerIsASuccess() throws {
        let verdict = try Self.verdict("The Ghent store has a team of 12 people.")
        #expect(verdict.success && verdict.failureModes.isEmpty && verdict.responseKind == .answer, "\(verdict)")
        #expect(verdict.reward >= 0.8)
        #expect(verdict.parts.relevance == 1)
    }

    @Test(arguments: [
        "I'm sorry, I can't help with pricing questions.",
        "I'm sorry, but I can't help with that request.",
        "I don't know: the provided information does not contain the answer.",
        "The context doesn\u{2019}t mention the size of the team.",
        // After a preamble that only apologises or hesitates, the next sentence gives the verdict; these scored 0.8
        // as answers before.
        "I'm sorry. I don't have that information.",
        "I'm sorry, I don't have that information.",
        "Sorry! I do not know.",
        "I am sorry. I cannot help with that.",
        "Hmm. I am not sure.",
        "Good question. I don't know.",
        "Sorry for the wait. I do not have that information.",
        // Deflections to the context, which scored 0.8 as answers that claim nothing.
        "I think the answer might be in the context.",
        "Please refer to the provided information.",
    ])
    func aRefusalOfAnAnswerableRequestIsAFailure(output: String) throws {
        let verdict = try Self.verdict(output)
        #expect(!verdict.success && verdict.failureModes == [.refusal], "\(verdict)")
        #expect(verdict.responseKind != .answer)
        #expect(verdict.reward >= 0.36 && verdict.reward <= 0.45)
    }

    @Test(arguments: [
        "Hi! How big is the team at the Ghent store?",
        "How big is the team at the Ghent store, you ask?",
        "Uzon - The Northwind Outfitters, you say? What is it?",
        "The team at the Ghent store is big.",
        "That sounds wonderful, enjoy your weekend trip!",
    ])
    func anEchoOrAChangeOfSubjectIsUnanswered(output: String) throws {
        let verdict = try Self.verdict(output)
        #expect(verdict.failureModes.contains(.unanswered), "\(verdict)")
        #expect(!verdict.success && verdict.reward <= 0.45, "\(verdict)")
    }

    /// A preamble is skipped only when it says nothing: an apology before the answer, or a "yes" that the next
    /// sentence hedges, is still an answer.
    @Test(arguments: [
        "Sorry. The Ghent store has a team of 12 people.",
        "Hmm. The Ghent store has a team of 12 people.",
        "Yes, it is! I'm not sure of the exact number, but the Ghent store has a team of 12 people.",
    ])
    func aPreambleBeforeAnAnswerLeavesAnAnswer(output: String) throws {
        let verdict = try Self.verdict(output)
        #expect(verdict.responseKind == .answer && !verdict.failureModes.contains(.refusal), "\(verdict)")
    }

    /// A response that states nothing scored like a grounded answer before (nothing in it is unsupported), so an
    /// optimiser could trade answers for punctuation or pleasantries.
    @Test(arguments: [
        "...", "!!!", "\u{FFFD}\u{FFFD}", "\u{1F600}", "- ", "```\n```", "Hello!", "Hi there! Happy to help!",
        "Hello! Let me know if you need anything else.", "Thank you for your question!", "Hope this helps!",
        // Offers of help as SmolLM2 writes them (2026-12-08): before, the first was also a `hallucination`, and the
        // third scored above a non-answer.
        "I'm ready to assist you with your inquiry.", "I am here to help!",
        "Just let me know what exactly you need help with.",
    ])
    func aResponseThatStatesNothingIsUnanswered(output: String) throws {
        let verdict = try Self.verdict(output)
        #expect(verdict.failureModes == [.unanswered], "\(verdict)")
        #expect(!verdict.success && verdict.reward <= 0.45 && verdict.parts.relevance == 0, "\(verdict)")
    }

    /// Five words or more without a content word or a number do not answer a question-word question; to a yes/no
    /// question, or shorter, they can ("All of them.", "I have not, but I will.").
    @Test func anEmptyStatementToAQuestionWordQuestionIsUnanswered() throws {
        #expect(try Self.verdict("It is what it is.").failureModes == [.unanswered])
        for (input, output) in [
            ("How big is the team at the Ghent store?", "All of them."),
            ("Have you been to the Ghent store?", "I have not, but I will go there."),
            ("Is the Ghent store open on Sundays? Tell me.", "It is what it is."),
        ] {
            let experience = Experience(id: "t", input: input, context: Self.context, response: "")
            #expect(!(try Self.verdict(output, experience)).failureModes.contains(.unanswered), "\(output)")
        }
    }

    /// Pleasantries are unanswered only when the user asked something: "You're welcome!" is the right reply to
    /// thanks (164 of HaluEval dialogue's right responses), and a greeting before the answer claims nothing.
    @Test(arguments: [
        ("Thanks for the help!", "You're welcome!"),
        ("Great, thank you. I will look for it.", "Glad to help. Have a great day!"),
        ("How big is the team at the Ghent store?", "Good morning! The Ghent store has a team of 12 people."),
        ("How big is the team at the Ghent store?", "I'm here to help. The Ghent store has a team of 12 people."),
        ("How big is the team at the Ghent store?", "12."),
        ("Does the Cascade Pro have a warranty?", "Yes."),
    ])
    func pleasantriesAfterThanksOrBeforeTheAnswerAreFine(input: String, output: String) throws {
        let experience = Experience(id: "t", input: input, context: Self.context, response: "")
        let verdict = try Self.verdict(output, experience)
        #expect(verdict.success && verdict.failureModes.isEmpty, "\(verdict)")
    }

    /// A request in the imperative asks as a question does ("Let me know if you need any help or have any
    /// questions!", a closing SmolLM2 writes, was a success as the whole answer to "Hello! List the address, opening
    /// hours and manager of the Portland store."): pleasantries leave it unanswered, and an answer to it stays an
    /// answer.
    @Test(arguments: [
        "Tell me how big the team at the Ghent store is.", "Hi! Please give me the size of the Ghent store's team.",
        "I'm visiting soon. So, describe the team at the Ghent store",
    ])
    func pleasantriesDoNotAnswerARequest(input: String) throws {
        let experience = Experience(id: "r", input: input, context: Self.context, response: "")
        for output in ["Let me know if you need any help or have any questions!", "Hi there! Happy to help!"] {
            let verdict = try Self.verdict(output, experience)
            #expect(verdict.failureModes == [.unanswered], "\(output): \(verdict)")
        }
        let answer = try Self.verdict("The Ghent store has a team of 12 people.", experience)
        #expect(answer.success, "\(answer)")
    }

    /// A statement that is not a request ("I will look for it.", "The store sounds nice.") still takes a courtesy
    /// as the right reply.
    @Test(arguments: ["I will look for it at the Ghent store.", "Listening to you helped, the store sounds nice."])
    func pleasantriesAfterAStatementAreFine(input: String) throws {
        let experience = Experience(id: "s", input: input, context: Self.context, response: "")
        let verdict = try Self.verdict("Glad to help. Have a great day!", experience)
        #expect(verdict.success, "\(verdict)")
    }

    /// HaluEval-QA-style comparison questions: the right answer names one of the alternatives the question offers,
    /// so its words all come from the question, yet it answers; echoing the whole question still does not.
    @Test func anAnswerThatPicksOneOfTheOfferedAlternativesAnswers() throws {
        let experience = Experience(
            id: "c", input: "Which magazine was started first, Arthur's Magazine or First for Women?",
            context:
                "Arthur's Magazine (1844-1846) was an American literary periodical. First for Women is a woman's magazine published by Bauer Media Group in the USA. The magazine was started in 1989.",
            response: "")
        for answer in [
            "Arthur's Magazine", "Arthur's Magazine was started first.",
            "Arthur's Magazine was started before First for Women.",
        ] {
            let verdict = try Self.verdict(answer, experience)
            #expect(verdict.success && verdict.failureModes.isEmpty, "\(answer): \(verdict)")
        }
        for echo in [
            "Which magazine was started first, Arthur's Magazine or First for Women?",
            "The magazine started first was Arthur's Magazine or First for Women.",
        ] {
            let verdict = try Self.verdict(echo, experience)
            #expect(verdict.failureModes.contains(.unanswered), "\(echo): \(verdict)")
        }
    }

    /// An answer that restates the question around a name the question does not state answers it, rightly or not:
    /// an invented one is a hallucination, not also a repeat of the question.
    @Test func aRestatedQuestionWithANewNameIsAnAnswer() throws {
        let experience = Experience(
            id: "n", input: "What nationality was James Henry Miller's wife?",
            context:
                "Peggy Seeger, the wife of James Henry Miller, is an American folksinger.",
            response: "")
        let invented = try Self.verdict("James Henry Miller's wife was British.", experience)
        #expect(invented.failureModes == [.hallucination], "\(invented)")
        let right = try Self.verdict("James Henry Miller's wife was American.", experience)
        #expect(right.success, "\(right)")
        let echo = try Self.verdict("James Henry Miller's wife had a nationality.", experience)
        #expect(echo.failureModes.contains(.unanswered), "\(echo)")
    }

    @Test func aDirectYesAnswerMayRepeatTheQuestion() throws {
        let experience = Experience(
            id: "y", input: "Is the Cascade Pro made by Northwind Outfitters?", context: Self.context, response: "")
        let verdict = try Self.verdict("Yes, the Cascade Pro is made by Northwind Outfitters.", experience)
        #expect(verdict.success, "\(verdict)")
    }

    @Test(arguments: [
        "I don't know: the provided information does not contain the answer.",
        "I'm sorry, but I can't answer that from the information I have.",
        // Common phrasings that were answers (a hallucination and a missed abstention, 0.35) before.
        "I could not find that in the documents.",
        "I couldn't find any information about who founded it.",
        "Unfortunately, that information is not available.",
        "The provided text does not include details about the founder.",
        "It is not clear from the context who founded it.",
        "The context does not state who founded Northwind Outfitters.",
        "The founder is not listed.",
    ])
    func aCorrectAbstentionIsASuccess(output: String) throws {
        let verdict = try Self.verdict(output, Self.unanswerable)
        #expect(verdict.success && verdict.responseKind != .answer, "\(verdict)")
        #expect(verdict.reward >= 0.46 && verdict.reward < 0.8)
    }

    @Test func answeringAnUnanswerableRequestIsAMissedAbstention() throws {
        let verdict = try Self.verdict(
            "Northwind Outfitters was founded by Marcus Whitfield in 1987.", Self.unanswerable)
        #expect(verdict.failureModes.contains(.missedAbstention), "\(verdict)")
        #expect(verdict.reward <= 0.35)
    }

    @Test func answerabilityCanBeLogged() throws {
        var experience = Self.answerable
        experience.metadata["answerable"] = false
        #expect(try Self.verdict("I don't know.", experience).success)
        experience = Self.unanswerable
        experience.metadata["answerable"] = true
        #expect(try Self.verdict("I don't know.", experience).failureModes == [.refusal])
        // A reference that is itself an abstention marks the request unanswerable.
        experience = Self.answerable
        experience.reference = "I don't know: the context does not say."
        #expect(try Self.verdict("I don't know.", experience).success)
    }

    @Test func aHedgeFollowedByTheAnswerIsAnAnswer() throws {
        let verdict = try Self.verdict("I'm not sure, but the Ghent store has a team of 12 people.")
        #expect(verdict.responseKind == .answer && !verdict.failureModes.contains(.refusal), "\(verdict)")
    }

    @Test func theRewardOrdersOutcomes() throws {
        let grounded = try Self.verdict("The Ghent store has a team of 12 people.")
        let abstention = try Self.verdict("I don't know: the context does not say.", Self.unanswerable)
        let cutOff = try Self.verdict("The Ghent store has a team of 12 people, and the Cascade Pro is made by the")
        let refusal = try Self.verdict("I'm sorry, but I can't help with that request.")
        let echo = try Self.verdict("Hi! How big is the team at the Ghent store?")
        let hallucination = try Self.verdict(
            "The Ghent store has a team of 40 people led by Marcus Whitfield since 1987.")
        #expect(cutOff.failureModes == [.incomplete], "\(cutOff)")
        #expect(hallucination.failureModes.first == .hallucination, "\(hallucination)")
        #expect(grounded.reward > abstention.reward)
        #expect(grounded.reward > cutOff.reward)
        #expect(abstention.reward > refusal.reward)
        #expect(cutOff.reward > refusal.reward)
        #expect(refusal.reward > hallucination.reward)
        #expect(echo.reward > hallucination.reward && echo.reward < cutOff.reward)
        for verdict in [grounded, abstention] { #expect(verdict.success, "\(verdict)") }
        for verdict in [cutOff, refusal, echo, hallucination] { #expect(!verdict.success, "\(verdict)") }
    }

    @Test func aChatAnswerWithoutAFullStopIsNotCutOff() throws {
        let verdict = try Self.verdict(
            "The Ghent store has a team of 12 people and the Cascade Pro is made in Portugal")
        #expect(!verdict.failureModes.contains(.incomplete), "\(verdict)")
    }

    /// A correct abstention scores the same however it is worded: its verdict sentence talks about the question and
    /// the sources, not the world. One that adds an invented detail, in the same sentence or the next, does not.
    @Test func anAbstentionsRewardDoesNotDependOnItsWording() throws {
        let plain = try Self.verdict("I don't know: the context does not say.", Self.unanswerable)
        for output in [
            "I could not find that in the documents.", "The provided text does not include details about the founder.",
            "Unfortunately, that information is not available.", "Nothing in the context answers that.",
        ] {
            let verdict = try Self.verdict(output, Self.unanswerable)
            #expect(verdict.success && verdict.responseKind == .abstention, "\(output): \(verdict)")
            #expect(abs(verdict.reward - plain.reward) < 1e-9, "\(output): \(verdict.reward) vs \(plain.reward)")
        }
        for output in [
            "I don't know who founded it, but it was probably a local craftsman.",
            "I could not find that in the documents. It was probably founded in Spain in 1987.",
        ] {
            let verdict = try Self.verdict(output, Self.unanswerable)
            #expect(verdict.reward < plain.reward - 0.1, "\(output): \(verdict.reward) vs \(plain.reward)")
        }
    }

    /// A true fact and then a lead-in that introduces nothing (SmolLM2, to "How long is the warranty on ...?") is cut
    /// short, with or without a reference; a lead-in followed by its list is not.
    @Test func aColonThatIntroducesNothingIsCutOff() throws {
        for output in ["The Cascade Pro is made in Portugal. The answer to your question is:", "Answer:"] {
            #expect(try Self.verdict(output).failureModes.contains(.incomplete), "\(output)")
            var referenced = Self.answerable
            referenced.reference = "The team at the Ghent store has 12 people."
            let verdict = try Verifier().verify(output: output, for: referenced)
            #expect(verdict.failureModes.contains(.incomplete) && !verdict.success, "\(verdict)")
        }
        let listed = try Self.verdict("Here is the answer:\n- The Ghent store has a team of 12 people.")
        #expect(listed.success && listed.failureModes.isEmpty, "\(listed)")
    }

    @Test func verboseAndFormatAreFailures() throws {
        var experience = Self.answerable
        experience.metadata["length_budget"] = 5
        let long = try Self.verdict(
            "The Ghent store has a team of 12 people. The Cascade Pro is made by Northwind Outfitters in Portugal.",
            experience)
        #expect(long.failureModes == [.verbose], "\(long)")
        experience = Self.answerable
        experience.metadata["format"] = "json"
        let broken = try Self.verdict("{\"answer\": \"The Ghent store has a team of 12 people.\"", experience)
        #expect(broken.failureModes == [.format], "\(broken)")
    }

    @Test func badBandsAreRejected() {
        for bands in [
            RewardBands(answer: 0.75...1),  // overlaps the abstention and minor-failure bands
            RewardBands(nonAnswer: 0.25...0.6),  // a refusal could beat an answer cut short
            RewardBands(hallucination: -0.1...0.19),
        ] {
            #expect(throws: VerificationError.self) { try Verifier(configuration: VerifierConfiguration(bands: bands)) }
        }
    }

    @Test func verdictJSONHasTheTaxonomy() throws {
        let verdict = try Self.verdict("I'm sorry, but I can't help with that request.")
        let json = String(decoding: try JSONEncoder().encode(verdict), as: UTF8.self)
        #expect(json.contains("\"failure_modes\":[\"refusal\"]") && json.contains("\"success\":false"))
        #expect(json.contains("\"response_kind\":\"refusal\""))
    }
}
