import Experiences
import Testing

@testable import Verification

/// Right answers in the words a chat model uses are not hallucinations, and wrong ones that hide behind those words
/// still are: a polite close, a question back, a number written out or with its unit glued on, a time, a detail whose
/// sentence also names what the question names. Each of these was judged wrongly before (see `Docs/verifier.md`, "Tokens, support and claims").
struct NaturalPhrasingTests {
    static let context = """
        The Cascade Pro tent costs 120 euros and weighs 2.1 kg. It is made in Portugal and has a 3-year warranty. \
        The Summit Lite has a three-year warranty. The Ghent store opens at 9:00 and closes at 18:00 on weekdays.
        """

    static func experience(_ question: String) -> Experience {
        Experience(id: "", input: question, context: Self.context, response: "")
    }

    static func verdict(_ output: String, to question: String) throws -> Verdict {
        try Verifier().verify(output: output, for: Self.experience(question))
    }

    static func analysis(_ output: String, to question: String) throws -> GroundingAnalysis {
        let verifier = try Verifier()
        return verifier.analyse(output: output, for: verifier.prepare(Self.experience(question)))
    }

    @Test(arguments: [
        "It costs 120 euros. Let me know if you need anything else!",
        "It costs 120 euros. Hope this helps!",
        "It costs 120 euros. If you have any other questions, feel free to ask.",
        "It costs 120 euros. Have a wonderful day!",
    ])
    func aPoliteCloseClaimsNothing(_ output: String) throws {
        let verdict = try Self.verdict(output, to: "How much does the Cascade Pro cost?")
        #expect(verdict.success && !verdict.hallucination)
        #expect(try Self.analysis(output, to: "How much does the Cascade Pro cost?").features.unalignedShare == 0)
    }

    @Test func aCourtesyOpeningWithANumberOrANameIsStillAClaim() throws {
        let question = "How much does the Cascade Pro cost?"
        // 45 is stated nowhere: the sentence is a claim, whatever it opens with.
        let number = try Self.verdict(
            "It costs 120 euros. If you have any receipt, returns take 45 days.", to: question)
        #expect(number.hallucination && number.unsupportedClaims == ["45"])
        // A name other than the sentence's first word keeps it a claim too: "Brussels" is unsupported.
        let name = try Self.analysis("It costs 120 euros. Let me know if Brussels has it.", to: question)
        #expect(name.unsupportedEntities == ["brussels"] && name.features.unalignedShare > 0)
    }

    @Test func aPlainQuestionClaimsNothingButAQuestionWithAClaimDoes() throws {
        let question = "How much does the Cascade Pro cost?"
        // A question back asks; its words (planning, hiking, trip) are not held against the context.
        let asks = try Self.analysis("It costs 120 euros. Are you planning a hiking trip?", to: question)
        #expect(asks.features.unalignedShare == 0)
        // A number, a name nothing supports, or "did you know" make it a claim.
        for claim in [
            "It costs 120 euros. Is it 150 euros in Ghent?", "It costs 120 euros. Is it sold in Brussels?",
            "It costs 120 euros. Did you know it won a design award?",
        ] {
            #expect(try Self.analysis(claim, to: question).features.unalignedShare > 0, "\(claim)")
        }
        // A response that only asks back is still unanswered (a failure mode read from the text, not the share).
        let only = try Self.verdict("Are you planning a hiking trip?", to: question)
        #expect(only.failureModes.contains(.unanswered) && !only.success)
    }

    /// A name written without its accents states what the accented one states, and accents written as combining
    /// marks (decomposed text, as some systems copy it) stay inside their word: "Zu" + U+0308 + "rich" was the
    /// two words "zu" and "rich", both unsupported. On HaluEval dialogue this unflagged ten right answers
    /// ("Beyonce", "Emile Zola") and flagged none. Ligatures compare as their letters.
    @Test func accentsNeitherSupportNorBreakAWord() throws {
        let context = "Émile Zola wrote Thérèse Raquin. The Café Zürich opened in 1990."
        func verdict(_ output: String) throws -> Verdict {
            try Verifier().verify(
                output: output,
                for: Experience(id: "", input: "Tell me about them.", context: context, response: ""))
        }
        for output in [
            "Emile Zola wrote Therese Raquin.", "The Cafe Zurich opened in 1990.",
            "The Cafe\u{301} Zu\u{308}rich opened in 1990.", "E\u{301}mile Zola wrote The\u{301}re\u{300}se Raquin.",
        ] {
            let found = try verdict(output)
            #expect(found.success && found.unsupportedClaims.isEmpty, "\(output): \(found.unsupportedClaims)")
        }
        // Text copied from a PDF writes ligatures: "ﬁnal" (U+FB01) states what "final" states.
        let verifier = try Verifier()
        let pdf = Experience(
            id: "", input: "What is the offer?", context: "The \u{FB01}nal o\u{FB00}er is 120 euros.", response: "")
        let ligature = verifier.analyse(output: "The final offer is 120 euros.", for: verifier.prepare(pdf))
        #expect(ligature.unsupportedWords.isEmpty && ligature.features.unalignedShare == 0, "\(ligature)")
        let invented = try verdict("The Cafe\u{301} Zu\u{308}rich opened in Genève in 1990.")
        #expect(invented.unsupportedClaims == ["genève"])
        let other = try verdict("Émile Zola wrote Germinal.")
        #expect(other.unsupportedClaims == ["germinal"])
    }

    /// The point of an initial or a title before a name ends no sentence: "J. K. Rowling" and "Dr. Seuss" are names,
    /// so an invented one is named, and the words around it are one sentence.
    @Test func initialsAndTitlesStayInsideTheirName() throws {
        let tokens = Tokenizer.tokens(of: "It was written by J.K. Rowling. Dr. Seuss lived in St. Louis. Plan I. Then")
        #expect(tokens.filter(\.startsSentence).map(\.text) == ["it", "dr", "plan", "then"])
        #expect(tokens.first { $0.text == "rowling" }?.joinedToPrevious == true)
        let context = "Harry Potter is a series of novels written by J. K. Rowling. The Cat in the Hat is by Dr. Seuss."
        func verdict(_ output: String) throws -> Verdict {
            try Verifier().verify(
                output: output,
                for: Experience(id: "", input: "Who wrote them?", context: context, response: ""))
        }
        #expect(try verdict("Harry Potter was written by J.K. Rowling.").unsupportedClaims.isEmpty)
        #expect(try verdict("It was J. R. Tolkien.").unsupportedClaims == ["j r tolkien"])
        #expect(
            try verdict("The Cat in the Hat is by Dr. Marcus Whitfield.").unsupportedClaims == ["dr marcus whitfield"])
        // "Jr." ends a name and, here, a sentence.
        let junior = Tokenizer.tokens(of: "It was Martin Luther King Jr. He spoke.")
        #expect(junior.filter(\.startsSentence).map(\.text) == ["it", "he"])
    }

    /// "1.2 million" states what "1,200,000" states, both ways, and "$2.5 billion" what "2.5 billion dollars" does;
    /// a different value is still a conflicting number.
    @Test func magnitudesStateWhatTheirDigitsState() throws {
        func verdict(_ output: String, _ context: String) throws -> Verdict {
            try Verifier().verify(
                output: output, for: Experience(id: "", input: "Tell me about it.", context: context, response: ""))
        }
        for (output, context) in [
            ("About 1.2 million people live there.", "The city has a population of 1,200,000 people."),
            ("It has 1,200,000 people.", "The city has a population of 1.2 million people."),
            ("It grossed 2.5 billion dollars.", "The film grossed $2.5 billion worldwide."),
            ("It cost 40 thousand euros.", "It cost 40,000 euros."),
        ] {
            let found = try verdict(output, context)
            #expect(found.success && found.unsupportedClaims.isEmpty, "\(output): \(found.unsupportedClaims)")
        }
        let wrong = try verdict(
            "About 1.5 million people live there.", "The city has a population of 1,200,000 people.")
        #expect(wrong.hallucination && wrong.unsupportedClaims == ["1500000"], "\(wrong.unsupportedClaims)")
        let otherUnit = try verdict("It grossed 2.5 billion euros.", "The film grossed $2.5 billion worldwide.")
        #expect(otherUnit.hallucination, "\(otherUnit)")
    }

    @Test func numberWordsAndDigitsSupportEachOther() throws {
        // "three" against the context's 3-year, and 3 against its three-year.
        let written = try Self.verdict("A three-year warranty.", to: "What warranty does the Cascade Pro have?")
        let digits = try Self.verdict("It has a 3-year warranty.", to: "What warranty does the Summit Lite have?")
        #expect(written.success && digits.success)
        // A number word the context does not state is an unsupported word, not a conflicting number: "the two tents"
        // counts nothing the context must state. It is half of what the sentence adds (year is stated).
        let four = try Self.analysis("A four-year warranty.", to: "What warranty does the Cascade Pro have?")
        #expect(four.unsupportedWords == ["4"] && four.unsupportedNumbers.isEmpty)
        #expect(four.features.unalignedShare == 0.5 && four.features.conflictingNumber == 0)
        #expect(try Self.verdict("A four-year warranty.", to: "What warranty does the Cascade Pro have?").hallucination)
    }

    @Test func aTimeIsOneNumber() throws {
        let question = "When does the Ghent store open on Sunday?"
        // 10:00 is not 10 and 00 (both of which the context has elsewhere, in 2.1 and 18:00): it is unsupported.
        let invented = try Self.verdict("On Sunday the Ghent store opens at 10:00.", to: question)
        #expect(invented.hallucination && invented.unsupportedClaims == ["10:00"])
        // A stated time supports its hour, and itself.
        #expect(!(try Self.verdict("It opens at 9 on weekdays.", to: question).hallucination))
        #expect(!(try Self.verdict("It opens at 9:00 on weekdays.", to: question).hallucination))
    }

    @Test func lettersGluedToANumberDoNotHideIt() throws {
        let experience = Experience(
            id: "", input: "Tell me about the Cascade Pro.",
            context: "The Cascade Pro weighs 2.1 kg and launched on March 21, 2024. The store opens at 9 am.",
            response: "")
        let verifier = try Verifier()
        // Units, ordinals and am/pm written onto the number: the number is compared, and it is stated.
        for right in ["It weighs 2.1kg.", "It launched on March 21st, 2024.", "The store opens at 9am."] {
            #expect(verifier.verify(output: right, for: experience).success, "\(right)")
        }
        // And a wrong one is caught as a number, where "2.5kg" used to be one unsupported word.
        let wrong = verifier.verify(output: "It weighs 2.5kg.", for: experience)
        #expect(wrong.hallucination && wrong.unsupportedClaims == ["2.5"])
        let ordinal = verifier.verify(output: "It launched on March 22nd, 2024.", for: experience)
        #expect(ordinal.hallucination && ordinal.unsupportedClaims == ["22"])
    }

    @Test func aSentenceRestsOnTheContextSentenceStatingItsClaimsWhenTheCountTies() throws {
        // cascade and pro (the question's) are in the first context sentence; 3, year and warranty in the second.
        // Two each before 3 counted as a word: the first sentence won the tie and 3-year cost ½ a word each.
        let analysis = try Self.analysis(
            "The Cascade Pro has a 3-year warranty.", to: "What warranty does the Cascade Pro have?")
        #expect(analysis.features.unalignedShare == 0)
    }

    @Test func aSingleDigitIsAClaim() throws {
        // 5 is stated nowhere; it is the sentence's one added word besides year, so half the sentence is invented.
        let analysis = try Self.analysis("It has a 5-year warranty.", to: "What warranty does the Cascade Pro have?")
        #expect(analysis.features.unalignedShare == 0.5)
        #expect(analysis.unsupportedNumbers == ["5"])
    }

    /// A numbered list's markers are layout: "1." and "2)" were unsupported numbers, so a right answer in a list was a
    /// conflicting-number hallucination. Only the markers go: a wrong price in a list is still caught, and "12." alone
    /// is an answer.
    @Test(arguments: [
        "1. The Cascade Pro costs 120 euros.\n2. It weighs 2.1 kg.",
        "Here you go:\n\n1. **Cascade Pro**: 120 euros\n2. **Weight**: 2.1 kg",
        "1) The Cascade Pro costs 120 euros 2) it weighs 2.1 kg",
        "- 1. The Cascade Pro costs 120 euros.",
    ])
    func numberedListMarkersAreNotClaims(_ output: String) throws {
        let verdict = try Self.verdict(output, to: "How much does the Cascade Pro cost and weigh?")
        #expect(verdict.success && !verdict.hallucination, "\(verdict)")
    }

    /// A line that introduces a list ("Here are the facts:") asks nothing and states nothing, like a plain question;
    /// with a number or a name nothing supports it is still a claim.
    @Test func aLeadInBeforeAListClaimsNothing() throws {
        let question = "How much does the Cascade Pro cost and weigh?"
        let list = "\n1. The Cascade Pro costs 120 euros.\n2. It weighs 2.1 kg."
        #expect(try Self.verdict("Here are the facts:" + list, to: question).success)
        #expect(try Self.verdict("Prices and weights, as requested:" + list, to: question).success)
        let invented = try Self.verdict("Here is what Marcus Whitfield wrote in 2019:" + list, to: question)
        #expect(invented.hallucination, "\(invented)")
    }

    @Test func aWrongNumberInAListIsStillCaught() throws {
        let verdict = try Self.verdict(
            "1. The Cascade Pro costs 150 euros.\n2. It weighs 2.1 kg.", to: "How much does the Cascade Pro cost?")
        #expect(verdict.hallucination && verdict.unsupportedClaims.contains("150"), "\(verdict)")
    }

    /// Trailing decimal zeros do not change a number: "120.00 euros" states the context's 120 euros, "2.10 kg" its
    /// 2.1 kg; "120.50" is another price.
    @Test func trailingDecimalZerosMatch() throws {
        let question = "How much does the Cascade Pro cost and weigh?"
        #expect(try Self.verdict("It costs 120.00 euros and weighs 2.10 kg.", to: question).success)
        #expect(try Self.verdict("It costs 120.50 euros.", to: question).hallucination)
    }

    /// A decimal comma ("120,00 €", "2,5 kg") is a decimal point, a comma before three digits groups thousands, and a
    /// comma before more digits parts two numbers ("February 15,2018"); before, every comma between digits was
    /// dropped, so "120,00" was the number 12000.
    @Test func commasInNumbersReadAsWritten() throws {
        let experience = Experience(
            id: "", input: "Tell me about the Cascade Pro?",
            context: "The Cascade Pro costs 120 euros and weighs 2.5 kg. It sold 12,500 units after its launch on "
                + "February 15, 2018.",
            response: "")
        try Self.expectNumbers(
            in: experience,
            right: [
                "It costs 120,00 \u{20AC}.", "It weighs 2,5 kg.", "It sold 12,500 units.",
                "It launched on February 15,2018.",
            ],
            wrong: [("It costs 120,50 \u{20AC}.", "120.5"), ("It weighs 2,6 kg.", "2.6")])
    }

    /// A time with "am" or "pm" is the 24-hour time it names, both ways, and "09:00" is 9:00; a whole hour so written is
    /// also vouched for by that hour, but the 24-hour hour vouches for no other number.
    @Test func clockTimesReadOnTheTwentyFourHourClock() throws {
        let experience = Experience(
            id: "", input: "When are the stores open?",
            context: "The Ghent store opens at 9:00 and closes at 18:00. The Lisbon store opens at 10 am and closes at "
                + "9 pm. It has 12 parking spaces.",
            response: "")
        try Self.expectNumbers(
            in: experience,
            right: [
                "The Ghent store opens at 9AM and closes at 6 PM.", "Ghent: 09:00-18:00.",
                "The Lisbon store closes at 21:00.", "The Lisbon store opens at 10.",
            ],
            wrong: [
                ("The Ghent store closes at 7 pm.", "19:00"), ("The Lisbon store has 21 parking spaces.", "21"),
                ("The Ghent store opens at 9:12 am.", "9:12"),
            ])
        // A context on the 24-hour clock alone: the "pm" of a right answer is no unsupported word either.
        let twentyFourHour = Experience(
            id: "", input: "When does the store close?", context: "The store closes at 18:00.", response: "")
        try Self.expectNumbers(
            in: twentyFourHour, right: ["It closes at 6 PM.", "It closes at 6pm.", "It closes at 6:00 pm."],
            wrong: [("It closes at 7 pm.", "19:00")])
    }

    /// Each `right` answer is a success that names no claim; each `wrong` one is a hallucination that names `claim`.
    static func expectNumbers(
        in experience: Experience, right: [String], wrong: [(answer: String, claim: String)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let verifier = try Verifier()
        for answer in right {
            let verdict = verifier.verify(output: answer, for: experience)
            #expect(
                verdict.success && verdict.unsupportedClaims.isEmpty, "\(answer): \(verdict)",
                sourceLocation: sourceLocation)
        }
        for (answer, claim) in wrong {
            let verdict = verifier.verify(output: answer, for: experience)
            #expect(
                verdict.hallucination && verdict.unsupportedClaims.contains(claim), "\(answer): \(verdict)",
                sourceLocation: sourceLocation)
        }
    }

    /// A date as a chat model may write it states what the context's "4 November 2023" states: an ISO date, a month
    /// abbreviation with or without its point. A wrong day, month or year is still a conflicting number.
    @Test func datesInOtherFormsMatch() throws {
        let experience = Experience(
            id: "", input: "When did the Glacier S launch?", context: "The Glacier S launched on 4 November 2023.",
            response: "")
        let verifier = try Verifier()
        for right in [
            "It launched on 2023-11-04.", "It launched on Nov. 4, 2023.", "It was released on 4 Nov 2023.",
            "Launch date: 2023-11-04",
        ] {
            #expect(verifier.verify(output: right, for: experience).success, "\(right)")
        }
        for (wrong, claim) in [
            ("It launched on 2023-11-05.", "5"), ("It launched on 2023-12-04.", "month-12"),
            ("It launched on 2022-11-04.", "2022"),
        ] {
            let verdict = verifier.verify(output: wrong, for: experience)
            #expect(verdict.hallucination && verdict.unsupportedClaims.contains(claim), "\(verdict)")
        }
    }

    /// A unit or currency written short or in the other spelling states the same thing: "2.1 kg" is the context's
    /// "2.1 kg", and "120 EUR" its "120 euros"; "kilometers" its "kilometres".
    @Test func unitsAndCurrenciesMatchHoweverWritten() throws {
        let experience = Experience(
            id: "", input: "Tell me about the Cascade Pro?",
            context: "The Cascade Pro costs 120 euros and weighs 2.1 kilograms. The trail is 12 kilometres long.",
            response: "")
        let verifier = try Verifier()
        for answer in [
            "It costs 120 EUR and weighs 2.1 kg.", "The trail is 12 km long.", "The trail is 12 kilometers long.",
        ] {
            let verdict = verifier.verify(output: answer, for: experience)
            #expect(verdict.success && verdict.unsupportedClaims.isEmpty, "\(answer): \(verdict)")
        }
    }

    /// The right number in the wrong unit is a wrong number, whether the unit is a word after it or a currency sign
    /// before it, in the context or in the answer; the same unit written either way, or a number the context also
    /// states bare, is not contradicted.
    @Test func aNumberInTheWrongUnitIsAConflictingNumber() throws {
        let context = """
            The Cascade Pro costs 120 euros, weighs 2.1 kilograms and has a warranty of 3 months. The Summit Lite \
            costs $89 and the Trail Mug €15. Its designer, Ana Lopes, 40, has two children: Rui, 18, and Eva, 18 months.
            """
        let verifier = try Verifier()
        func verdict(_ answer: String) -> Verdict {
            verifier.verify(
                output: answer, for: Experience(id: "", input: "Tell me more?", context: context, response: ""))
        }
        for (answer, claim) in [
            ("The Cascade Pro weighs 2.1 pounds.", "2.1 pounds"), ("The Cascade Pro costs 120 dollars.", "120 dollars"),
            ("The warranty lasts 3 years.", "3 years"), ("The Cascade Pro costs $120.", "$120"),
            ("The Summit Lite costs 89 euros.", "89 euros"), ("The Summit Lite costs \u{20AC}89.", "\u{20AC}89"),
            ("The Trail Mug costs \u{00A3}15.", "\u{00A3}15"), ("The Summit Lite costs 89 \u{20AC}.", "\u{20AC}89"),
        ] {
            let wrong = verdict(answer)
            #expect(wrong.hallucination && wrong.unsupportedClaims.contains(claim), "\(answer): \(wrong)")
        }
        for answer in [
            "The Summit Lite costs 89 dollars.", "The Trail Mug costs 15 euros.", "The designer is a 40-year-old.",
            "Her children are 18 years and 18 months old.",
            "The warranty lasts 3 months.", "The Cascade Pro costs \u{20AC}120.", "The Summit Lite costs $ 89.",
            "The Summit Lite costs 89 USD.", "The Trail Mug costs EUR 15.", "The Trail Mug costs 15\u{20AC}.",
            "The Summit Lite costs 89 $ and the Trail Mug 15 \u{20AC}.",
        ] {
            let right = verdict(answer)
            #expect(!right.hallucination && right.unsupportedClaims.isEmpty, "\(answer): \(right)")
        }
    }

    /// A number word counting what the context counts with another number is a wrong number ("three gold medals"
    /// where it says "four gold medals"), as the digits would be; a number word counting nothing the context counts
    /// claims no number.
    @Test func aNumberWordCountingTheContextsThingsIsANumberClaim() throws {
        let context = """
            At the 1948 Summer Olympics in London she won 4 gold medals, at the age of 30. Her 88-year-old coach \
            watched from the stands, and her two children stayed at home.
            """
        let verifier = try Verifier()
        func verdict(_ answer: String) -> Verdict {
            verifier.verify(
                output: answer,
                for: Experience(id: "", input: "How many gold medals did she win?", context: context, response: ""))
        }
        for (answer, claim) in [
            ("She won three gold medals in London.", "three"), ("She won 3 gold medals in London.", "3"),
            ("She won four gold medals, and her three children stayed at home.", "three"),
        ] {
            let wrong = verdict(answer)
            #expect(wrong.hallucination && wrong.unsupportedClaims.contains(claim), "\(answer): \(wrong)")
        }
        for answer in [
            "She won four gold medals in London.", "She won four gold medals, and her two children stayed at home.",
            "She won four gold medals; the two of them watched.",
        ] {
            let right = verdict(answer)
            #expect(!right.hallucination && right.unsupportedClaims.isEmpty, "\(answer): \(right)")
        }
    }
}
