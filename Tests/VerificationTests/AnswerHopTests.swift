import Experiences
import Testing

@testable import Verification

/// A two-step question ("The author of X was born in which town?") answered with a name the first step passes
/// through: the context states the name, so word support cannot see that it answers the wrong step.
struct AnswerHopTests {
    static let context = """
        The Harbour Light is a 1998 novel by Mara Quinlan, set in the fishing port of Ashford. It was printed by \
        Kellan Press in Dunmore.Mara Quinlan is an Irish writer and former reporter, born in Castlebar in 1961.
        """
    static let question = "The author of The Harbour Light was born in which town?"

    static func verdict(
        _ output: String, question: String = Self.question, context: String = Self.context,
        configuration: VerifierConfiguration = .init()
    ) throws -> Verdict {
        try Verifier(configuration: configuration).verify(
            output: output, for: Experience(id: "", input: question, context: context, response: ""))
    }

    @Test func aNameOfTheFirstStepAnswersTheWrongStep() throws {
        for right in ["Castlebar", "Mara Quinlan was born in Castlebar.", "She was born in Castlebar in 1961."] {
            #expect(try Self.verdict(right).success, "\(right)")
        }
        // "Ashford" shares the first step's sentence, "Dunmore" the one right after it; neither states "born".
        for (wrong, name) in [("Ashford", "ashford"), ("Dunmore", "dunmore"), ("She was born in Ashford.", "ashford")] {
            let verdict = try Self.verdict(wrong)
            #expect(verdict.hallucination && verdict.unsupportedClaims == [name], "\(wrong)")
            var configuration = VerifierConfiguration()
            configuration.flagInventedAnswers = false
            #expect(!(try Self.verdict(wrong, configuration: configuration).hallucination), "\(wrong)")
        }
    }

    /// The name the first step leads to is the bridge, not the answer: "Mara Quinlan" is stated with "born" and in the
    /// first step, so an answer naming her is read by its other names.
    @Test func theBridgeNameLeavesTheAnswerToTheOtherNames() throws {
        for right in [
            "Mara Quinlan was born in Castlebar.",
            "Mara Quinlan, who set The Harbour Light in Ashford, was born in Castlebar.",
        ] {
            #expect(try Self.verdict(right).success, "\(right)")
        }
        for wrong in [
            "Mara Quinlan was born in Ashford.", "Since the novel is set in Ashford, Mara Quinlan was born in Ashford.",
        ] {
            let verdict = try Self.verdict(wrong)
            #expect(verdict.hallucination && verdict.unsupportedClaims == ["ashford"], "\(wrong): \(verdict)")
        }
    }

    /// A sentence may state the relation and a second one: "born in Castlebar in 1961 and raised in Westport" pairs
    /// "born" with Castlebar and 1961 only, so "born in Westport" pairs what the context keeps apart.
    @Test func theRelationsObjectIsReadClauseByClause() throws {
        let context = """
            The Harbour Light is a 1998 novel by Mara Quinlan, set in Ashford.Mara Quinlan is an Irish writer, born \
            in Castlebar in 1961 and raised in Westport, where she still lives.
            """
        for right in [
            "Castlebar", "Mara Quinlan was born in Castlebar and raised in Westport.",
            "She was born in 1961 in Castlebar.",
        ] {
            #expect(try Self.verdict(right, context: context).success, "\(right)")
        }
        for wrong in ["Since she was raised there, Mara Quinlan was born in Westport.", "She was born in Westport."] {
            let verdict = try Self.verdict(wrong, context: context)
            #expect(verdict.hallucination && verdict.unsupportedClaims == ["westport"], "\(wrong): \(verdict)")
        }
        // A linking word inside a name opens no clause.
        let joined = "Mara Quinlan is a writer born in Trinidad and Tobago, and raised in Ashford."
        #expect(try Self.verdict("She was born in Tobago.", context: Self.context + joined).success)
    }

    /// The check speaks only where the context separates the steps and offers another answer for the relation.
    @Test func itStaysOutWhereTheContextDoesNotSeparateTheSteps() throws {
        // One step: the relation ("printed") is in the sentence of the question's name.
        #expect(try Self.verdict("Kellan Press", question: "Which press printed The Harbour Light?").success)
        // The words after the question's name describe it; the sentence stating them names nothing else.
        let described = "Mara Quinlan wrote The Harbour Light. It was her first novel about a port."
        #expect(
            try Self.verdict(
                "Mara Quinlan", question: "Who wrote The Harbour Light, the first novel about a port?",
                context: described
            ).success)
        // Alternatives are OfferedChoice's business, and a yes/no question asks no name.
        for question in [
            "Where was the author of The Harbour Light born, Ashford or Castlebar?",
            "Was the author of The Harbour Light born in Castlebar?",
        ] {
            let experience = Experience(id: "", input: question, context: Self.context, response: "")
            #expect(PreparedExperience(experience, configuration: .init()).answerHop == nil, "\(question)")
        }
        #expect(
            PreparedExperience(
                Experience(id: "", input: Self.question, context: Self.context, response: ""), configuration: .init()
            ).answerHop != nil)
        // A question that names nothing the context states has no first step.
        #expect(try Self.verdict("Ashford", question: "In which town was the novelist born?").failureModes.isEmpty)
    }

    /// A bare name stitched from a choice question's two names is invented, though it adds no word to the question.
    @Test func aNameStitchedFromTheAlternativesIsInvented() throws {
        let context = "Mara Quinlan (born 1961) is an Irish writer.Tom Ashford (born 1957) is an English painter."
        let question = "Who is older, Mara Quinlan or Tom Ashford?"
        #expect(try Self.verdict("Tom Ashford", question: question, context: context).success)
        let stitched = try Self.verdict("Mara Ashford", question: question, context: context)
        #expect(stitched.hallucination && stitched.unsupportedClaims == ["mara ashford"])
    }

    /// A title whose ending is swapped for another name word is invented although every word of it is supported (the
    /// title runs from its first name word: "Need" is a stopword); a sentence of names and verbs is no title.
    @Test func aTitleWithItsEndingSwappedIsInvented() throws {
        let context = """
            Lynne Ramsay directed Ratcatcher in 1999 and We Need to Talk About Kevin in 2011.James is the boy at the \
            centre of Ratcatcher.
            """
        let question = "Which 2011 film did the director of Ratcatcher make?"
        #expect(try Self.verdict("We Need to Talk About Kevin", question: question, context: context).success)
        let swapped = try Self.verdict("We Need to Talk About James", question: question, context: context)
        #expect(swapped.hallucination && swapped.unsupportedClaims == ["talk about james"], "\(swapped)")
        let names = "Lynne Ramsay is from Ratcatcher"
        #expect(
            NameJoins(context: Tokenizer.tokens(of: context), input: []).swappedTitle(in: Tokenizer.tokens(of: names))
                == nil)
    }

    /// "No." before a number ends no sentence: "Symphony No. 3?" is still one open question.
    @Test func aNumberAbbreviationEndsNoSentence() throws {
        let tokens = Tokenizer.tokens(of: "Who conducted Symphony No. 3 in 1992? It sold well, see Vol. 2.")
        #expect(tokens.filter(\.startsSentence).map(\.text) == ["who", "it"])
        let context = "A 1992 recording of Symphony No. 3 was conducted by David Zinman with the soprano Dawn Upshaw."
        let question = "Which soprano sang on the 1992 recording of Symphony No. 3?"
        #expect(try Self.verdict("Dawn Upshaw", question: question, context: context).success)
        #expect(try Self.verdict("Dawn Zinman", question: question, context: context).hallucination)
    }

    /// A dotted acronym before a lowercase word ends no sentence, and a name in the answer's type ("which U.S.
    /// state", "which Irish town") picks no first step: the relation is still read after the question's last name.
    @Test func theAnswersTypeIsNoStep() throws {
        let tokens = Tokenizer.tokens(of: "Which U.S. state is it in? Washington, D.C. is not one.")
        #expect(tokens.filter(\.startsSentence).map(\.text) == ["which", "washington"])
        let context = Self.context + "It is sold in every Irish town."
        for question in [
            "The author of The Harbour Light was born in which Irish town?",
            "The author of The Harbour Light was born in which U.S. state?",
        ] {
            let verdict = try Self.verdict("Ashford", question: question, context: context)
            #expect(verdict.hallucination && verdict.unsupportedClaims == ["ashford"], "\(question): \(verdict)")
        }
    }

    /// With `unsupportedAnswerShare` set, an answer to a single question that adds words the text does not state is
    /// flagged; under a dialogue history, and by default (off), it is not.
    @Test func theShareRuleFlagsWordsTheTextDoesNotState() throws {
        var strict = VerifierConfiguration()
        strict.unsupportedAnswerShare = 0.1
        let question = "Where was Mara Quinlan born?"
        // One word of seven ("west") is under the grounding model's threshold, not under a tenth.
        let invented = "Mara Quinlan, an Irish writer, was born in Castlebar in the west."
        #expect(!(try Self.verdict(invented, question: question).hallucination))
        let verdict = try Self.verdict(invented, question: question, configuration: strict)
        #expect(verdict.hallucination && verdict.unsupportedClaims == ["west"], "\(verdict)")
        #expect(try Self.verdict("Castlebar", question: question, configuration: strict).success)
        let history = "[Human]: I liked The Harbour Light. [Human]: " + question
        #expect(!(try Self.verdict(invented, question: history, configuration: strict).hallucination))
        strict.unsupportedAnswerShare = 1.5
        #expect(throws: VerificationError.self) { try strict.validate() }
    }
}
