import Experiences
import Foundation
import LanguageModels
import Testing
import Verification

struct VerifierTests {
    static let zodiac = Experience(
        id: "z", input: "Who starred in Zodiac?",
        context: "Zodiac is starring Jake GyllenhaalJake Gyllenhaal starred in Zodiac",
        response: "")

    /// A hand-written model, so the risk can be checked by hand: one weight per `GroundingFeatures.names` entry
    /// (the unaligned share).
    static let handModel = GroundingModel(intercept: -2, featureWeights: [4])

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    @Test func supportedAnswerIsGroundedAndNotFlagged() throws {
        let verifier = try Verifier()
        let prepared = verifier.prepare(Self.zodiac)
        let verdict = verifier.verify(output: "Jake Gyllenhaal starred in Zodiac.", for: prepared)
        let analysis = verifier.analyse(output: "Jake Gyllenhaal starred in Zodiac.", for: prepared)
        // starred and zodiac are the input's; jake and gyllenhaal are in one context sentence: nothing unaligned.
        #expect(analysis.features == GroundingFeatures())
        #expect(!verdict.hallucination)
        #expect(verdict.unsupportedClaims.isEmpty)
        #expect(verdict.parts.grounding == 1 - analysis.risk)
        // Nothing unaligned is the lowest risk the model can give.
        #expect(analysis.risk == GroundingModel.shipped.risk(features: GroundingFeatures()))
        #expect(verdict.id == "z")
    }

    @Test func inventedNameIsUngroundedAndFlagged() throws {
        let verifier = try Verifier(configuration: VerifierConfiguration(groundingModel: Self.handModel))
        let prepared = verifier.prepare(Self.zodiac)
        let analysis = verifier.analyse(output: "Tom Hanks starred in Zodiac.", for: prepared)
        // Names: "tom hanks" (unsupported) and "zodiac" (the input's). Content words tom, hanks, starred, zodiac;
        // starred and zodiac are the input's, so the response claims tom and hanks, both unsupported: unaligned share
        // 2/2 (the naive share over every content word is 2/4).
        #expect(analysis.unsupportedEntities == ["tom hanks"])
        #expect(analysis.entities == 2)
        #expect(analysis.unsupportedContentWords == 2)
        #expect(analysis.unsupportedWords == ["hank", "tom"])
        #expect(analysis.features == GroundingFeatures(unalignedShare: 1, unsupportedShare: 0.5))
        // logit = -2 + 4 × 1.
        #expect(abs(analysis.risk - Self.sigmoid(2)) < 1e-12)
        let verdict = verifier.verify(output: "Tom Hanks starred in Zodiac.", for: prepared)
        #expect(abs(verdict.parts.grounding - (1 - Self.sigmoid(2))) < 1e-12)
        #expect(verdict.hallucination)
        #expect(verdict.unsupportedClaims == ["tom hanks"])
        // The shipped model flags it too, and scores it below the grounded answer.
        let shipped = try Verifier()
        let wrong = shipped.verify(output: "Tom Hanks starred in Zodiac.", for: Self.zodiac)
        let right = shipped.verify(output: "Jake Gyllenhaal starred in Zodiac.", for: Self.zodiac)
        #expect(wrong.hallucination && wrong.reward < right.reward)
    }

    @Test func wordsStitchedFromSeveralContextSentencesCountHalf() throws {
        let verifier = try Verifier(configuration: VerifierConfiguration(groundingModel: Self.handModel))
        let experience = Experience(
            id: "s", input: "Where is the Cascade Pro made?",
            context: "The Cascade Pro is made in Spain. The Trail Lite is made in Portugal.", response: "")
        let prepared = verifier.prepare(experience)
        let right = verifier.analyse(output: "The Cascade Pro is made in Spain.", for: prepared)
        let stitched = verifier.analyse(output: "The Cascade Pro is made in Portugal.", for: prepared)
        let invented = verifier.analyse(output: "The Cascade Pro is made in France.", for: prepared)
        // Content words cascade, pro (the input's: they anchor the first sentence but claim nothing) and a country
        // ("made" is a stopword): spain is in that sentence (0), portugal only in the other (½), france nowhere (1);
        // over the one word the response adds to the question.
        #expect(right.features.unalignedShare == 0)
        #expect(abs(stitched.features.unalignedShare - 0.5) < 1e-12)
        #expect(abs(invented.features.unalignedShare - 1) < 1e-12)
        // Word-level support cannot tell the stitched claim from the right one.
        #expect(stitched.unsupportedContentWords == 0 && stitched.features.unsupportedShare == 0)
        #expect(right.risk < stitched.risk && stitched.risk < invented.risk)
    }

    /// An answer that restates the question around an invented detail is as unsupported as the detail alone: the
    /// question's words are what the user said, so they neither cost nor dilute, and a sentence that only echoes the
    /// question does not count.
    @Test func restatingTheQuestionDoesNotDiluteAnInventedAnswer() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "q", input: "In which city is the head office of the Oberoi Group?",
            context: "The Oberoi family is famous for its hotels. The Oberoi Group is a hotel company with its head "
                + "office in Delhi.", response: "")
        let prepared = verifier.prepare(experience)
        let invented = verifier.analyse(
            output: "The head office of the Oberoi Group is in the city of Mumbai, India.", for: prepared)
        // Content words head, office, oberoi, group, city (the question's) and mumbai, india (nowhere): 2/2.
        #expect(invented.features.unalignedShare == 1)
        #expect(invented.features.unsupportedShare == 2.0 / 7)
        #expect(
            verifier.verify(
                output: "The head office of the Oberoi Group is in the city of Mumbai, India.",
                for: prepared
            ).hallucination)
        let right = "The head office of the Oberoi Group is in Delhi."
        #expect(verifier.analyse(output: right, for: prepared).features.unalignedShare == 0)
        #expect(!verifier.verify(output: right, for: prepared).hallucination)
        // An echo of the question, then the invented claim: only the claim's sentence counts.
        let echoed = verifier.analyse(
            output: "In which city is the head office of the Oberoi Group? It is Mumbai.", for: prepared)
        #expect(echoed.features.unalignedShare == 1)
        // A one-word answer names its claim, so the verdict says what was invented; a right one claims nothing
        // unsupported, and a chat word alone in a longer answer is no name.
        let oneWord = verifier.verify(output: "Mumbai.", for: prepared)
        #expect(oneWord.hallucination && oneWord.unsupportedClaims == ["mumbai"])
        #expect(verifier.verify(output: "Delhi", for: prepared).unsupportedClaims.isEmpty)
        #expect(verifier.analyse(output: "Delhi", for: prepared).entities == 1)
        #expect(verifier.verify(output: "Exactly! It is Delhi.", for: prepared).unsupportedClaims.isEmpty)
    }

    @Test func unalignedShareIsTheMeanOverSentences() throws {
        let verifier = try Verifier(configuration: VerifierConfiguration(groundingModel: Self.handModel))
        let experience = Experience(
            id: "m", input: "Tell me about the store.",
            context: "The Ghent store opened in 2019. It employs twelve people.", response: "")
        let analysis = verifier.analyse(
            output: "The Ghent store opened in 2019. It employs forty engineers.", for: verifier.prepare(experience))
        // Sentence 1: ghent, opened, 2019 in the first context sentence (store is the input's): 0. Sentence 2:
        // employs in the second context sentence; forty and engineers unsupported: (1 + 1) / 3. Mean: 1/3.
        #expect(abs(analysis.features.unalignedShare - 1.0 / 3) < 1e-12)
        #expect(abs(analysis.features.unsupportedShare - 2.0 / 7) < 1e-12)
        #expect(verifier.analyse(output: "", for: verifier.prepare(experience)).features == GroundingFeatures())
    }

    @Test func conflictingNumberIsFlagged() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "n", input: "When was it released?", context: "Beatrice and Virgil was released 2010", response: "")
        let right = verifier.verify(output: "It was released in 2010.", for: experience)
        let wrong = verifier.verify(output: "It was released in 2012.", for: experience)
        #expect(!right.hallucination && right.parts.grounding > wrong.parts.grounding)
        #expect(wrong.hallucination && wrong.unsupportedClaims == ["2012"])
        let analysis = verifier.analyse(output: "It was released in 2012.", for: verifier.prepare(experience))
        #expect(analysis.unsupportedNumbers == ["2012"])
        #expect(analysis.features.conflictingNumber == 1 && analysis.unsupportedContentWords == 1)
        // With the rule off, the flag is the model's alone; a number where the context states none is no conflict.
        let lenient = try Verifier(configuration: VerifierConfiguration(flagConflictingNumbers: false))
        #expect(
            lenient.verify(output: "It was released in 2012.", for: experience).hallucination
                == (analysis.risk >= lenient.configuration.hallucinationThreshold))
        let noNumbers = Experience(
            id: "m", input: "When was it released?", context: "Beatrice and Virgil is a novel", response: "")
        let unstated = verifier.analyse(output: "It was released in 2012.", for: verifier.prepare(noNumbers))
        #expect(unstated.unsupportedNumbers == ["2012"] && unstated.features.conflictingNumber == 0)
    }

    @Test func fabricatedSentenceIsFlagged() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "f", input: "Who directed Zodiac?", context: "Zodiac was directed by David Fincher.", response: "")
        let prepared = verifier.prepare(experience)
        // Second sentence: unsupported name and number, and marcus, whitfield, confirmed, 1987 all unsupported.
        let invented = verifier.analyse(
            output: "David Fincher directed it. Marcus Whitfield confirmed this in 1987.", for: prepared)
        #expect(invented.fabricatedSentences == 1)
        #expect(
            verifier.verify(
                output: "David Fincher directed it. Marcus Whitfield confirmed this in 1987.", for: prepared
            ).hallucination)
        // A supported word (zodiac) in the same sentence makes it a claim about known things, left to the model.
        let anchored = verifier.analyse(output: "Marcus Whitfield saw Zodiac in 1987.", for: prepared)
        #expect(anchored.fabricatedSentences == 0)
        let lenient = try Verifier(configuration: VerifierConfiguration(flagFabricatedClaims: false))
        let verdict = lenient.verify(
            output: "David Fincher directed it. Marcus Whitfield confirmed this in 1987.", for: prepared)
        #expect(verdict.hallucination == (invented.risk >= lenient.configuration.hallucinationThreshold))
    }

    @Test func referenceAgreementIsTokenF1() throws {
        let verifier = try Verifier()
        var experience = Experience(
            id: "r", input: "Capital of France?", response: "", reference: "The capital is Paris")
        #expect(verifier.verify(output: "Paris is the capital.", for: experience).parts.reference == 1)
        experience.reference = "Paris France"
        #expect(verifier.verify(output: "Paris", for: experience).parts.reference == 2.0 / 3.0)
        #expect(verifier.verify(output: "Lyon", for: experience).parts.reference == 0)
        experience.reference = nil
        #expect(verifier.verify(output: "Paris", for: experience).parts.reference == nil)
    }

    @Test func lengthSafetyFallsLinearlyPastTheBudget() throws {
        let verifier = try Verifier(configuration: VerifierConfiguration(lengthBudget: 10, lengthTolerance: 1))
        let experience = Experience(id: "l", input: "word", response: "")
        func words(_ count: Int) -> String { Array(repeating: "word", count: count).joined(separator: " ") }
        #expect(verifier.verify(output: words(10), for: experience).parts.length == 1)
        #expect(verifier.verify(output: words(15), for: experience).parts.length == 0.5)
        #expect(verifier.verify(output: words(25), for: experience).parts.length == 0)
        var budgeted = experience
        budgeted.metadata["length_budget"] = .number(20)
        #expect(verifier.verify(output: words(15), for: budgeted).parts.length == 1)
    }

    @Test(arguments: [
        ("json", #"{"answer": "Paris"}"#, 1.0),
        ("json", "```json\n[1, 2]\n```", 1.0),
        ("json", #"{"answer": "Paris""#, 0.0),
        ("json", "Paris", 0.0),
        ("bullets", "- one\n- two\nthree", 2.0 / 3.0),
        ("bullets", "1. one\n2) two", 1.0),
        ("regex:[A-Z][a-z]+", "Paris", 1.0),
        ("regex:[A-Z][a-z]+", "Paris, France", 0.0),
    ])
    func formatRules(format: String, output: String, expected: Double) throws {
        let verifier = try Verifier()
        let experience = Experience(id: "f", input: "q", response: "", metadata: ["format": .string(format)])
        #expect(verifier.verify(output: output, for: experience).parts.format == expected)
    }

    @Test func unknownFormatLeavesThePartOut() throws {
        let verifier = try Verifier()
        for format in ["yaml", "regex:("] {
            let experience = Experience(id: "f", input: "q", response: "", metadata: ["format": .string(format)])
            #expect(verifier.verify(output: "x", for: experience).parts.format == nil)
        }
    }

    @Test func rewardIsTheRenormalisedWeightedMeanOfPresentParts() throws {
        let parts = RewardParts(grounding: 1, reference: 0.5, length: 1)
        let weights = RewardWeights()
        #expect(abs(parts.reward(weights: weights) - (0.5 + 0.3 * 0.5 + 0.1) / 0.9) < 1e-12)
        let minimal = RewardParts(grounding: 0.5, length: 1)
        #expect(abs(minimal.reward(weights: weights) - (0.25 + 0.1) / 0.6) < 1e-12)
        let judged = RewardParts(grounding: 0.5, length: 1, format: 0, judge: 1)
        #expect(abs(judged.reward(weights: weights) - (0.25 + 0.1 + 0 + 0.2) / 0.9) < 1e-12)
    }

    @Test func invalidWeightsAreRejected() {
        for weights in [
            RewardWeights(grounding: -0.1), RewardWeights(reference: .nan),
            RewardWeights(grounding: 0, reference: 0, length: 0, format: 0, judge: 0),
            RewardWeights(grounding: 0, reference: 1, length: 0, format: 1, judge: 1),
        ] {
            #expect(throws: VerificationError.self) {
                try Verifier(configuration: VerifierConfiguration(weights: weights))
            }
        }
        #expect(throws: VerificationError.self) { try Verifier(configuration: VerifierConfiguration(lengthBudget: 0)) }
        for model in [
            GroundingModel(intercept: 0, featureWeights: [1, 2]),
            GroundingModel(intercept: .nan, featureWeights: Array(repeating: 0, count: GroundingFeatures.names.count)),
            GroundingModel(
                intercept: 0,
                featureWeights: [.infinity] + Array(repeating: 0, count: GroundingFeatures.names.count - 1)),
        ] {
            #expect(throws: VerificationError.self) {
                try Verifier(configuration: VerifierConfiguration(groundingModel: model))
            }
        }
    }

    @Test func refusalsAndAbstentionsAreNotHallucinations() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "a", input: "How tall is it?", context: "The tower stands in Paris.", response: "")
        for output in [
            "I'm sorry, but I can't help with that request.",
            "I don't know: the provided information does not contain the answer.",
        ] {
            #expect(!verifier.verify(output: output, for: experience).hallucination, "\(output)")
        }
    }

    @Test(arguments: [
        Experience(
            id: "s", input: "How tall is the Eiffel Tower?",
            context: "The Eiffel Tower is 330 metres tall. It was completed in 1889. It stands in Paris.", response: ""),
        // No number in the context: the simulator's invented year is not a conflicting number here; its sentence
        // (an invented name and year, nothing supported) is a fabricated sentence.
        Experience(
            id: "s2", input: "Who directed Zodiac?",
            context: "Zodiac was directed by David Fincher. Zodiac is starring Jake Gyllenhaal.", response: ""),
    ])
    func simulatedHallucinationsAreFlaggedAndGroundedAnswersAreNot(experience: Experience) throws {
        let simulator = Simulator()
        let verifier = try Verifier()
        let prepared = verifier.prepare(experience)
        let response = try simulator.respond(
            to: GenerationRequest(systemPrompt: "Answer.", experience: experience, n: 400))
        var counts: [String: (flagged: Int, total: Int)] = [:]
        for (output, metadata) in zip(response.outputs, response.outputMetadata) {
            let behaviour = metadata["behaviour"]?.stringValue ?? "?"
            let verdict = verifier.verify(output: output, for: prepared)
            counts[behaviour, default: (0, 0)].total += 1
            if verdict.hallucination { counts[behaviour, default: (0, 0)].flagged += 1 }
        }
        let hallucinations = try #require(counts["hallucination"])
        #expect(hallucinations.total > 0 && hallucinations.flagged == hallucinations.total, "\(counts)")
        for behaviour in ["grounded", "verbosity", "refusal", "incomplete", "format"] {
            #expect(counts[behaviour]?.flagged ?? 0 == 0, "\(behaviour)")
        }
    }

    @Test func tokenizerSplitsGluedKnowledge() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "t", input: "Who was in Turbo?",
            context: "TurboTurbo is starring Snoop DoggSnoop Dogg starred in Turbo", response: "")
        #expect(verifier.verify(output: "Snoop Dogg was in Turbo.", for: experience).unsupportedClaims.isEmpty)
    }
}
