import Experiences
import Testing

@testable import Verification

/// A bare answer of another kind than the question asks ("Greyfield" to "... formed in which city?", where the context
/// says "the indie band Greyfield"), a year question answered without a year, and a choice answered with neither
/// alternative: every word is stated, so word support cannot see that the answer answers another question.
struct AnswerKindTests {
    static let context = """
        Low Tide Songs is the debut album by the indie band Greyfield, released in 2004 on Harrow Records.Greyfield \
        was formed in Dunmore, a market town in County Carrow, in 1999. Harrow Records is an independent label based \
        in Kilbeg. Dunmore lies near the Slievenagh range and on the river Carrow.
        """

    static func verdict(
        _ output: String, question: String, context: String = Self.context,
        configuration: VerifierConfiguration = .init()
    ) throws -> Verdict {
        try Verifier(configuration: configuration).verify(
            output: output, for: Experience(id: "", input: question, context: context, response: ""))
    }

    @Test func aBareNameOfAnotherKindAnswersAnotherQuestion() throws {
        let question = "The band that recorded Low Tide Songs was formed in which town?"
        for right in ["Dunmore", "Dunmore, County Carrow", "Greyfield was formed in Dunmore."] {
            #expect(try Self.verdict(right, question: question).success, "\(right)")
        }
        // A band (the kind word before the name), a label (its own last word), a range ("the ... range").
        for (wrong, name) in [
            ("Greyfield", "greyfield"), ("Harrow Records", "harrow records"), ("Slievenagh", "slievenagh"),
        ] {
            let verdict = try Self.verdict(wrong, question: question)
            #expect(verdict.hallucination && verdict.unsupportedClaims == [name], "\(wrong): \(verdict)")
            var configuration = VerifierConfiguration()
            configuration.flagInventedAnswers = false
            #expect(!(try Self.verdict(wrong, question: question, configuration: configuration).hallucination))
        }
        // "Dunmore, a market town in County Carrow": a town is no county.
        let county = try Self.verdict("Dunmore", question: "The band Greyfield was formed in which county?")
        #expect(county.hallucination && county.unsupportedClaims == ["dunmore"])
        // "Who" asks for a person or a group: a band answers it, a town does not.
        let who = "Who recorded Low Tide Songs?"
        #expect(try Self.verdict("Greyfield", question: who).success)
        #expect(try Self.verdict("Dunmore", question: who).hallucination)
    }

    /// A name the context gives two kinds ("the river Carrow", "County Carrow") answers a question asking either,
    /// and a name it describes in no way the check reads is never flagged.
    @Test func aNameOfAnAllowedKindOrOfNoKnownKindPasses() throws {
        let context = """
            Ardmore Mill is a former linen mill on the river Tolka. Its owners moved to Balbriggan in 1890. The \
            Tolka department was named after the river.
            """
        for question in ["The mill stands on which river?", "The mill lies in which department?"] {
            #expect(try Self.verdict("Tolka", question: question, context: context).success, "\(question)")
        }
        #expect(try Self.verdict("Balbriggan", question: "The mill stands on which river?", context: context).success)
        // "the largest city of" makes the name after it no city.
        let superlative = "Kilbeg is the largest city of Carrowshire, a county of farms."
        #expect(
            try Self.verdict("Carrowshire", question: "Which county is Kilbeg in?", context: superlative).success)
    }

    @Test func aYearOrCountQuestionNeedsANumber() throws {
        let year = "The band that recorded Low Tide Songs was formed in what year?"
        #expect(try Self.verdict("1999", question: year).success)
        #expect(try Self.verdict("It was formed in 1999.", question: year).success)
        let wrong = try Self.verdict("Greyfield formed it in Dunmore.", question: year)
        #expect(wrong.hallucination && wrong.unsupportedClaims == ["greyfield"])
        let count = "How many years after Greyfield formed was Low Tide Songs released?"
        #expect(try Self.verdict("Five years", question: count).success)
        #expect(try Self.verdict("One year", question: count).success)
        #expect(try Self.verdict("Harrow Records released it.", question: count).hallucination)
        let when = "When was Greyfield formed?"
        #expect(try Self.verdict("In 1999.", question: when).success)
        #expect(try Self.verdict("Greyfield was formed in Dunmore.", question: when).hallucination)
    }

    /// A choice the context decides, answered with neither alternative: "Dunmore" to "Which band formed first, A or
    /// B?". Alternatives named by a description ("the band of X") may be answered by name, so they are left alone.
    @Test func aChoiceAnsweredWithNeitherAlternative() throws {
        let context = """
            Greyfield was an indie band formed in Dunmore in 1999.Pale Harbour was an indie band formed in Kilbeg in \
            2003, led by Aine Roe.
            """
        let question = "Which band was formed first, Greyfield or Pale Harbour?"
        for right in ["Greyfield", "Greyfield was formed first, in 1999."] {
            #expect(try Self.verdict(right, question: question, context: context).success, "\(right)")
        }
        for (wrong, claim) in [("Dunmore", "dunmore"), ("Both bands were formed in Ireland.", "bands")] {
            let verdict = try Self.verdict(wrong, question: question, context: context)
            #expect(verdict.hallucination && verdict.unsupportedClaims.contains(claim), "\(wrong): \(verdict)")
        }
        let described = "Which band was formed first, the band of Aine Roe or the band from Dunmore?"
        #expect(try Self.verdict("Greyfield", question: described, context: context).success)
    }

    /// An "or" inside a name offers no alternatives: the kinds are still read.
    @Test func anOrInsideANameIsNoChoice() throws {
        let context = """
            Aine Roe won the Carrow Prize for Poetry or Song in 2001. She was born in Dunmore, the capital of the \
            Tolka Islands, in 1961.
            """
        let question =
            "The 2001 winner of the Carrow Prize for Poetry or Song was born in the capital of which islands?"
        let verdict = try Self.verdict("Dunmore", question: question, context: context)
        #expect(verdict.hallucination && verdict.unsupportedClaims == ["dunmore"], "\(verdict)")
        #expect(try Self.verdict("The Tolka Islands", question: question, context: context).success)
    }

    /// A bare answer naming only what the question names answers nothing ("Harrow Records" to "Which band recorded
    /// the album Harrow Records released in 2004?"), unless it stops inside the question's phrase, as a response a
    /// token cap cut does ("The Harrow" of "the Harrow Records album"); a bare number names no band.
    @Test func anEchoOfTheQuestionsNameOrABareNumberAnswersNothing() throws {
        let question = "Which band recorded the album that Harrow Records released in 2004?"
        #expect(try Self.verdict("Greyfield", question: question).success)
        let echo = try Self.verdict("Harrow Records", question: question)
        #expect(echo.hallucination && echo.unsupportedClaims == ["harrow records"], "\(echo)")
        #expect(!(try Self.verdict("Harrow", question: "Which band recorded the Harrow Records album?").hallucination))
        let number = try Self.verdict("1999", question: question)
        #expect(number.hallucination && number.unsupportedClaims == ["1999"], "\(number)")
        // A choice of two named in the question's own words is left to the choice rules.
        #expect(
            !(try Self.verdict("Greyfield", question: "Which of Greyfield and Harrow Records is a band?").hallucination)
        )
    }

    /// "How many years ...?" answered with a bare number that is a gap between the context's years, or "How old ...?"
    /// with the gap or one less (the birthday), is arithmetic on the context, as "5 years" already was.
    @Test func aBareNumberOfYearsTheContextsYearsGiveIsArithmetic() throws {
        let context = "Greyfield was formed in 1999 by Aine Roe, born in 1961. Low Tide Songs was released in 2004."
        for (answer, question) in [
            ("5", "How many years after Greyfield formed was Low Tide Songs released?"),
            ("five", "How many years after Greyfield formed was Low Tide Songs released?"),
            ("38", "How old was Aine Roe when Greyfield formed?"),
            ("37", "How old was Aine Roe when Greyfield formed?"),
        ] {
            #expect(try Self.verdict(answer, question: question, context: context).success, "\(answer)")
        }
        #expect(
            try Self.verdict("36", question: "How old was Aine Roe when Greyfield formed?", context: context)
                .hallucination)
    }
}
