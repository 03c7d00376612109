import Experiences
import Foundation
import LanguageModels
import Testing
import Verification

struct VerifierTests {
    static let zodiac = Experience(
        id: "z", input: "Who starred in Zodiac?", context: "Zodiac is starring Jake GyllenhaalJake Gyllenhaal starred in Zodiac",
        response: "")

    @Test func supportedAnswerIsFullyGrounded() throws {
        let verifier = try Verifier()
        let verdict = verifier.verify(output: "Jake Gyllenhaal starred in Zodiac.", for: Self.zodiac)
        #expect(verdict.parts.grounding == 1)
        #expect(!verdict.hallucination)
        #expect(verdict.unsupportedClaims.isEmpty)
        #expect(verdict.id == "z")
    }

    @Test func inventedNameIsUngroundedAndFlagged() throws {
        let verifier = try Verifier()
        let prepared = verifier.prepare(Self.zodiac)
        let analysis = verifier.analyse(output: "Tom Hanks starred in Zodiac.", for: prepared)
        // One unsupported name (risk 1) and two unsupported content words, tom and hanks (0.25 each).
        #expect(analysis.unsupportedEntities == ["tom hanks"])
        #expect(analysis.entities == 2)
        #expect(analysis.unsupportedContentWords == 2)
        #expect(analysis.contextEvidence == 0)
        #expect(analysis.risk == 1.5)
        let verdict = verifier.verify(output: "Tom Hanks starred in Zodiac.", for: prepared)
        #expect(verdict.parts.grounding == exp(-0.75))
        #expect(verdict.hallucination)
        #expect(verdict.unsupportedClaims == ["tom hanks"])
    }

    @Test func contextEvidenceOffsetsUnsupportedWords() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "e", input: "Any films like Home Alone?", context: "John Hughes wrote Ferris Bueller's Day Off",
            response: "")
        let analysis = verifier.analyse(output: "Try Ferris Bueller's Day Off, it's hilarious.", for: verifier.prepare(experience))
        // hilarious is unsupported (0.25); ferris, bueller, day come from the context only (3 × 0.5; off is a
        // stopword), so the risk is max(0, 0.25 - 1.5) = 0.
        #expect(analysis.unsupportedContentWords == 1)
        #expect(analysis.contextEvidence == 3)
        #expect(analysis.risk == 0)
    }

    @Test func inventedNumberIsFlagged() throws {
        let verifier = try Verifier()
        let experience = Experience(id: "n", input: "When was it released?", context: "Beatrice and Virgil was released 2010", response: "")
        let right = verifier.verify(output: "It was released in 2010.", for: experience)
        let wrong = verifier.verify(output: "It was released in 2012.", for: experience)
        #expect(!right.hallucination && right.parts.grounding == 1)
        #expect(wrong.hallucination && wrong.unsupportedClaims == ["2012"])
        #expect(wrong.parts.grounding == exp(-0.5 * 1.25))
    }

    @Test func referenceAgreementIsTokenF1() throws {
        let verifier = try Verifier()
        var experience = Experience(id: "r", input: "Capital of France?", response: "", reference: "The capital is Paris")
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
            #expect(throws: VerificationError.self) { try Verifier(configuration: VerifierConfiguration(weights: weights)) }
        }
        #expect(throws: VerificationError.self) { try Verifier(configuration: VerifierConfiguration(lengthBudget: 0)) }
        #expect(throws: VerificationError.self) {
            try Verifier(configuration: VerifierConfiguration(claimWeights: ClaimWeights(entity: -1)))
        }
    }

    @Test func refusalsAndAbstentionsAreNotHallucinations() throws {
        let verifier = try Verifier()
        let experience = Experience(id: "a", input: "How tall is it?", context: "The tower stands in Paris.", response: "")
        for output in [
            "I'm sorry, but I can't help with that request.",
            "I don't know: the provided information does not contain the answer.",
        ] {
            #expect(!verifier.verify(output: output, for: experience).hallucination, "\(output)")
        }
    }

    @Test func simulatedHallucinationsAreFlaggedAndGroundedAnswersAreNot() throws {
        let simulator = Simulator()
        let verifier = try Verifier()
        let experience = Experience(
            id: "s", input: "How tall is the Eiffel Tower?",
            context: "The Eiffel Tower is 330 metres tall. It was completed in 1889. It stands in Paris.", response: "")
        let prepared = verifier.prepare(experience)
        let response = try simulator.respond(to: GenerationRequest(systemPrompt: "Answer.", experience: experience, n: 400))
        var counts: [String: (flagged: Int, total: Int)] = [:]
        for (output, metadata) in zip(response.outputs, response.outputMetadata) {
            let behaviour = metadata["behaviour"]?.stringValue ?? "?"
            let verdict = verifier.verify(output: output, for: prepared)
            counts[behaviour, default: (0, 0)].total += 1
            if verdict.hallucination { counts[behaviour, default: (0, 0)].flagged += 1 }
        }
        let hallucinations = try #require(counts["hallucination"])
        #expect(hallucinations.total > 0 && hallucinations.flagged == hallucinations.total)
        for behaviour in ["grounded", "verbosity", "refusal", "incomplete", "format"] {
            #expect(counts[behaviour]?.flagged ?? 0 == 0, "\(behaviour)")
        }
    }

    @Test func tokenizerSplitsGluedKnowledge() throws {
        let verifier = try Verifier()
        let experience = Experience(id: "t", input: "Who was in Turbo?", context: "TurboTurbo is starring Snoop DoggSnoop Dogg starred in Turbo", response: "")
        #expect(verifier.verify(output: "Snoop Dogg was in Turbo.", for: experience).unsupportedClaims.isEmpty)
    }
}
