import Experiences
import Testing

@testable import Verification

/// A question that names two alternatives and asks which came first or last is decided by the years the context gives
/// them: the wrong pick is a hallucination although every word of it is grounded, and the rule stays out of what the
/// years do not decide.
struct OfferedChoiceTests {
    static let bands = """
        Oasis were an English rock band formed in Manchester in 1991. Blur are an English rock band formed in \
        London in 1988 by Damon Albarn.
        """

    static func verdict(_ output: String, question: String, context: String = Self.bands) throws -> Verdict {
        try Verifier().verify(output: output, for: Experience(id: "", input: question, context: context, response: ""))
    }

    @Test func theWrongPickOfTwoDatedAlternativesIsAHallucination() throws {
        let question = "Which band formed first, Oasis or Blur?"
        for right in ["Blur", "Blur formed earlier, in 1988.", "It was Blur."] {
            let verdict = try Self.verdict(right, question: question)
            #expect(verdict.success && !verdict.hallucination, "\(right)")
        }
        for right in ["Blur formed first, before Oasis.", "Oasis formed after Blur."] {
            #expect(try Self.verdict(right, question: question).success, "\(right)")
        }
        for wrong in ["Oasis", "Oasis formed first.", "Oasis formed earlier, before Blur.", "Blur formed after Oasis."]
        {
            let verdict = try Self.verdict(wrong, question: question)
            #expect(verdict.hallucination && verdict.failureModes == [.hallucination], "\(wrong)")
            #expect(verdict.unsupportedClaims == ["oasis"])
        }
        // Without the rule the wrong pick is as grounded as the right one: that is what the rule is for.
        var configuration = VerifierConfiguration()
        configuration.flagWrongChoices = false
        let unchecked = try Verifier(configuration: configuration).verify(
            output: "Oasis", for: Experience(id: "", input: question, context: Self.bands, response: ""))
        #expect(!unchecked.hallucination)
    }

    @Test func aQuestionForTheLaterOneAndOneWithoutACommaAreReadToo() throws {
        #expect(try Self.verdict("Oasis", question: "Which band formed later, Oasis or Blur?").success)
        #expect(try Self.verdict("Blur", question: "Which band formed later, Oasis or Blur?").hallucination)
        // HotpotQA's phrasing: no comma before the alternatives, and a year in the sentence after the name.
        let magazines = """
            Arthur's Magazine (1844-1846) was an American literary periodical published in Philadelphia. First for \
            Women is a woman's magazine published by Bauer Media Group in the USA. The magazine was started in 1989.
            """
        let question = "Which magazine was started first Arthur's Magazine or First for Women?"
        #expect(try Self.verdict("Arthur's Magazine", question: question, context: magazines).success)
        #expect(try Self.verdict("First for Women", question: question, context: magazines).hallucination)
    }

    @Test func aMeasureInOneUnitDecidesTooAndTwoUnitsDoNot() throws {
        let lakes = """
            Lake Baikal is a rift lake in Siberia and the deepest lake in the world at 1,642 metres. Lake Tanganyika \
            is the second deepest at about 1,470 metres.
            """
        let deeper = "Which lake is deeper, Lake Baikal or Lake Tanganyika?"
        #expect(try Self.verdict("Lake Baikal is deeper.", question: deeper, context: lakes).success)
        #expect(try Self.verdict("Lake Tanganyika", question: deeper, context: lakes).hallucination)
        let shallower = "Which lake is shallower, Lake Baikal or Lake Tanganyika?"
        #expect(try Self.verdict("Lake Tanganyika", question: shallower, context: lakes).success)
        #expect(try Self.verdict("Lake Baikal", question: shallower, context: lakes).hallucination)
        // A shop's question: prices by their currency sign, weights by their unit.
        let tents = "The Cascade Pro costs $120 and weighs 2.1 kg. The Summit Lite costs $95 and weighs 1.4 kg."
        let cheaper = "Which tent is cheaper, the Cascade Pro or the Summit Lite?"
        #expect(try Self.verdict("The Summit Lite is cheaper.", question: cheaper, context: tents).success)
        #expect(try Self.verdict("The Cascade Pro.", question: cheaper, context: tents).hallucination)
        // "Heavier" compares the weights, not the prices that come first in each sentence.
        let reversed = "The Cascade Pro costs $120 and weighs 1.4 kg. The Summit Lite costs $95 and weighs 2.1 kg."
        let heavier = "Which is heavier, the Cascade Pro or the Summit Lite?"
        #expect(try Self.verdict("The Summit Lite", question: heavier, context: reversed).success)
        #expect(try Self.verdict("The Cascade Pro", question: heavier, context: reversed).hallucination)
        // Metres against feet: no conversion is attempted, so nothing is decided.
        let mixed = "Lake Baikal is 1,642 metres deep. Lake Tanganyika is 4,823 feet deep."
        #expect(!(try Self.verdict("Lake Tanganyika", question: deeper, context: mixed).hallucination))
    }

    @Test func aCountOfWhatTheQuestionCountsDecides() throws {
        let players = """
            Roger Federer is a Swiss former player who won 20 Grand Slam singles titles. Rafael Nadal, a Spaniard born \
            in 1986, won 22 Grand Slam singles titles.
            """
        let more = "Who won more Grand Slam singles titles, Roger Federer or Rafael Nadal?"
        #expect(try Self.verdict("Rafael Nadal", question: more, context: players).success)
        #expect(try Self.verdict("Roger Federer", question: more, context: players).hallucination)
        let fewer = "Who won fewer Grand Slam singles titles, Roger Federer or Rafael Nadal?"
        #expect(try Self.verdict("Rafael Nadal", question: fewer, context: players).hallucination)
        // "More expensive" counts nothing; without prices nothing is decided.
        let expensive = "Who is more expensive to watch, Roger Federer or Rafael Nadal?"
        #expect(try Self.verdict("Roger Federer", question: expensive, context: players).success)
    }

    @Test func whatTheYearsDoNotDecideIsLeftToTheOtherRules() throws {
        let question = "Which band formed first, Oasis or Blur?"
        // Both named without a cue between them, or with a negation: the pick is not clear.
        #expect(!(try Self.verdict("Oasis and Blur: Blur.", question: question).hallucination))
        #expect(!(try Self.verdict("Oasis did not form first; Blur did.", question: question).hallucination))
        // A question about an end: the first year a context states is when something began.
        #expect(!(try Self.verdict("Oasis", question: "Which band broke up first, Oasis or Blur?").hallucination))
        // Equal years, an undated alternative, years before the common era.
        let sameYear = "Oasis formed in 1991. Blur formed in 1991."
        #expect(!(try Self.verdict("Oasis", question: question, context: sameYear).hallucination))
        let undated = "Oasis formed in Manchester. Blur formed in London in 1988."
        #expect(!(try Self.verdict("Oasis", question: question, context: undated).hallucination))
        // Read as common-era years, 1200 would come before 1500 and flag the right answer.
        let ancient = "Argos was founded around 1500 BC. Sparta was founded around 1200 BC."
        #expect(
            !(try Self.verdict("Argos", question: "Which city was founded first, Argos or Sparta?", context: ancient)
                .hallucination))
        // No alternatives: the rule has nothing to read.
        #expect(try Self.verdict("Blur", question: "Which band formed in 1988?").success)
    }

    @Test func aNoWhereTheContextSaysBothShareTheAttributeIsAHallucination() throws {
        let composers = """
            Giuseppe Verdi was an Italian opera composer. Ambroise Thomas was a French composer, best known for his \
            operas Mignon and Hamlet.
            """
        let question = "Are Giuseppe Verdi and Ambroise Thomas both opera composers?"
        #expect(try Self.verdict("Yes", question: question, context: composers).success)
        #expect(try Self.verdict("Yes, both are opera composers.", question: question, context: composers).success)
        let denial = try Self.verdict(
            "No, Giuseppe Verdi and Ambroise Thomas are not both opera composers.", question: question,
            context: composers)
        #expect(denial.hallucination && denial.unsupportedClaims == ["no"])
        #expect(try Self.verdict("No.", question: question, context: composers).hallucination)
        #expect(try Self.verdict("Not both.", question: question, context: composers).hallucination)
        // A "no" that opens a phrase denies nothing (the rule names no "no"; "doubt" is unsupported, which the
        // grounding weighs as it would anywhere).
        #expect(
            !(try Self.verdict("No doubt, both are opera composers.", question: question, context: composers))
                .unsupportedClaims.contains("no"))
        // Only a yes is read from the context: "English" may well mean British, so a missing word decides nothing,
        // nor does a sentence with a negation.
        let bands = "Radiohead are an English rock band. Coldplay are a British rock band."
        #expect(
            !(try Self.verdict("No", question: "Are Radiohead and Coldplay both British bands?", context: bands))
                .hallucination)
        let negated =
            "Giuseppe Verdi was an Italian opera composer. Unlike Verdi, Ambroise Thomas was no opera composer."
        #expect(!(try Self.verdict("No", question: question, context: negated)).hallucination)
    }

    static let games = """
        Carcassonne is a tile-placement board game designed by Klaus-Jürgen Wrede and published in 2000.\
        Dominion is a deck-building card game designed by Donald Vaccarino. It won the Spiel des Jahres in 2009.
        """

    /// Without a cue word the alternative whose sentences state what the question asks (and everything the other's
    /// state of it) is the answer: the other one is as grounded, word for word.
    @Test func whatOnlyOneAlternativesSentencesStateDecidesAQuestionWithoutACue() throws {
        let question = "Which game was designed by Klaus-Jürgen Wrede, Carcassonne or Dominion?"
        for right in ["Carcassonne", "Carcassonne was designed by Klaus-Jürgen Wrede."] {
            #expect(try Self.verdict(right, question: question, context: Self.games).success, "\(right)")
        }
        for wrong in ["Dominion", "Dominion was designed by Klaus-Jürgen Wrede."] {
            let verdict = try Self.verdict(wrong, question: question, context: Self.games)
            #expect(verdict.hallucination && verdict.unsupportedClaims == ["dominion"], "\(wrong)")
        }
        // A sentence after the one naming an alternative ("It won ...") still describes it.
        let prize = "Which game won the Spiel des Jahres, Carcassonne or Dominion?"
        #expect(try Self.verdict("Carcassonne", question: prize, context: Self.games).hallucination)
        #expect(try Self.verdict("Dominion", question: prize, context: Self.games).success)
        // Nothing decided: both state the asked words; a sentence names both; the deciding sentence has a negation
        // or a rank; the question has a negation; no comma marks the first alternative.
        for (context, question) in [
            (Self.games, "Which game was designed by a game designer, Carcassonne or Dominion?"),
            (
                "Carcassonne is a tile game. Dominion, like Carcassonne, was designed by Klaus-Jürgen Wrede.",
                "Which game was designed by Klaus-Jürgen Wrede, Carcassonne or Dominion?"
            ),
            (
                "Carcassonne is a tile game. Dominion was not designed by Klaus-Jürgen Wrede.",
                "Which game was designed by Klaus-Jürgen Wrede, Carcassonne or Dominion?"
            ),
            (
                "Carcassonne is a tile game. Dominion is the second best-selling card game.",
                "Which is the best-selling card game, Carcassonne or Dominion?"
            ),
            (Self.games, "Which game was not designed by Klaus-Jürgen Wrede, Carcassonne or Dominion?"),
            (Self.games, "Which game was designed by Klaus-Jürgen Wrede Carcassonne or Dominion?"),
        ] {
            #expect(!(try Self.verdict("Dominion", question: question, context: context).hallucination), "\(context)")
            #expect(!(try Self.verdict("Carcassonne", question: question, context: context).hallucination))
        }
    }

    /// "Was Oasis formed before Blur?" is the choice between the two asked as a yes or no about the first.
    @Test func aYesOrNoComparisonIsDecidedLikeTheChoice() throws {
        let question = "Was Oasis formed before Blur?"
        for right in [
            "No", "No, Blur formed first.", "Blur formed earlier, in 1988.", "Blur", "Oasis formed after Blur.",
        ] {
            #expect(try Self.verdict(right, question: question).success, "\(right)")
        }
        for (wrong, claim) in [("Yes", "yes"), ("Yes, Oasis formed before Blur.", "yes"), ("Oasis", "oasis")] {
            let verdict = try Self.verdict(wrong, question: question)
            #expect(verdict.hallucination && verdict.unsupportedClaims == [claim], "\(wrong)")
        }
        let lakes = "Lake Baikal reaches a depth of 1,642 metres. Lake Tanganyika reaches 1,470 metres."
        let deeper = "Is Lake Baikal deeper than Lake Tanganyika?"
        #expect(try Self.verdict("Yes", question: deeper, context: lakes).success)
        #expect(try Self.verdict("No, Lake Tanganyika is deeper.", question: deeper, context: lakes).hallucination)
        // "Yes" to a question that is no comparison is left to the other rules.
        #expect(!(try Self.verdict("Yes", question: "Was Oasis formed in Manchester?").hallucination))
    }

    /// An alternative's own words are no cue: "First for Women" holds "first".
    @Test func anAlternativesOwnWordsAreNoCue() throws {
        let magazines = "Arthur's Magazine was started in 1844. First for Women is a magazine started in 1989."
        let question = "Which magazine was started first, Arthur's Magazine or First for Women?"
        let wrong = try Self.verdict(
            "Arthur's Magazine was started after First for Women.", question: question, context: magazines)
        #expect(wrong.hallucination && wrong.unsupportedClaims == ["first for women"])
        #expect(
            try Self.verdict(
                "Arthur's Magazine was started before First for Women.", question: question, context: magazines
            ).success)
    }

    /// A capital letter alone names an alternative as a word does: "K Records" against "Sarah Records".
    @Test func aLetterStandingAloneNamesAnAlternative() throws {
        let labels = "K Records was founded in 1982 in Olympia. Sarah Records was founded in Bristol in 1987."
        let question = "Which label was founded first, K Records or Sarah Records?"
        #expect(try Self.verdict("Sarah Records", question: question, context: labels).hallucination)
        #expect(try Self.verdict("K Records", question: question, context: labels).success)
    }

    /// The number of years between two years the context states is arithmetic on it, not an invented number.
    @Test func theYearsBetweenTwoStatedYearsAreNoClaim() throws {
        let question = "Which band formed first, Oasis or Blur?"
        let right = try Self.verdict("Blur formed in 1988, three years before Oasis.", question: question)
        #expect(right.success && !right.hallucination)
        #expect(try Self.verdict("Blur formed in 1988, 3 years before Oasis.", question: question).success)
        #expect(try Self.verdict("Blur formed in 1988, five years before Oasis.", question: question).hallucination)
    }

    /// Questions of every shape, as a user or a dialogue history may write them, never stop the verifier: an "or"
    /// opening a sentence once crashed the count reading on a HaluEval dialogue history.
    @Test func noQuestionShapeStopsTheVerifier() throws {
        let verifier = try Verifier()
        let words = [
            "or", "Or", "both", "and", "first", "more", "fewer", "taller", "cheaper", "later", "titles", "Oasis",
            "Blur",
            "are", "Are", "which", "?", ".", ",", "1991", "$120", "3 kg", "no", "than", "Is", "before", "Yes", "K",
            "Which", "second", "years",
        ]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let question = (0..<(1 + next(9))).map { _ in words[next(words.count)] }.joined(separator: " ")
            let context = (0..<(1 + next(12))).map { _ in words[next(words.count)] }.joined(separator: " ")
            let answer = (0..<(1 + next(5))).map { _ in words[next(words.count)] }.joined(separator: " ")
            let prepared = verifier.prepare(Experience(id: "", input: question, context: context, response: ""))
            _ = verifier.verify(output: answer, for: prepared)
        }
        for question in [
            "Or Blur?", "Or which has more titles?", "Blur. Or which formed first?", "Blur. Or which has more titles?",
            "Or both?",
        ] {
            #expect(try Self.verdict("Blur", question: question).success, "\(question)")
        }
    }
}
