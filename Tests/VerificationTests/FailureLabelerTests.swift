import Experiences
import Testing
import Verification

struct FailureLabelerTests {
    static func verdict(reward: Double = 0.9, failures: [ResponseFailure] = []) -> Verdict {
        Verdict(
            id: "e1", reward: reward, failureModes: failures, parts: RewardParts(grounding: 0.85, length: 1),
            hallucination: failures.contains(.hallucination), unsupportedClaims: [])
    }

    @Test func theLabelIsTheWorstFailureMode() {
        let labeler = FailureLabeler()
        #expect(labeler.label(verdict: Self.verdict()) == nil)
        #expect(
            labeler.label(verdict: Self.verdict(reward: 0.1, failures: [.verbose, .hallucination])) == "hallucination")
        #expect(labeler.label(verdict: Self.verdict(reward: 0.3, failures: [.refusal])) == "refusal")
        #expect(labeler.label(verdict: Self.verdict(reward: 0.3, failures: [.format, .unanswered])) == "unanswered")
        #expect(labeler.label(verdict: Self.verdict(reward: 0.4, failures: [.verbose])) == "verbose")
    }

    @Test func aLowRewardWithoutAFailureModeIsLabelled() {
        #expect(FailureLabeler().label(verdict: Self.verdict(reward: 0.42)) == "low_reward")
        #expect(FailureLabeler(failureThreshold: 0.95).label(verdict: Self.verdict(reward: 0.9)) == "low_reward")
    }

    @Test func verifierVerdictsOnTheSimulatorsFailuresGetTheirLabels() throws {
        let verifier = try Verifier()
        let experience = Experience(
            id: "q", input: "Who manages the Lisbon store?",
            context: "The Lisbon store is managed by Ana Ribeiro. It opened in 2015.", response: "",
            reference: "The Lisbon store is managed by Ana Ribeiro.")
        let cases: [(String, String?)] = [
            ("The Lisbon store is managed by Ana Ribeiro.", nil),
            ("I'm sorry, but I can't help with that request.", "refusal"),
            ("The Lisbon store", "incomplete"),
            ("The Lisbon store is managed by Ana Ribeiro. Marcus Whitfield confirmed this in 1987.", "hallucination"),
        ]
        for (response, expected) in cases {
            #expect(
                FailureLabeler().label(verdict: verifier.verify(output: response, for: experience)) == expected,
                "\(response)")
        }
    }

    @Test func labellingSetsTheOutcomeAndKeepsTheOnlineSidesLabel() {
        let experience = Experience(id: "e", input: "q", response: "r")
        let failed = FailureLabeler().labelled(experience, by: Self.verdict(reward: 0.2, failures: [.hallucination]))
        #expect(failed.reward == 0.2 && failed.success == false && failed.failureType == "hallucination")
        #expect(failed.metadata["hallucination"] == .bool(true))
        #expect(failed.metadata["failure_modes"] == .array([.string("hallucination")]))
        var labelled = experience
        labelled.failureType = "wrong_tone"
        let kept = FailureLabeler().labelled(labelled, by: Self.verdict(reward: 0.3, failures: [.verbose]))
        #expect(kept.failureType == "wrong_tone" && kept.success == false)
        let overruled = FailureLabeler().labelled(labelled, by: Self.verdict())
        #expect(overruled.failureType == "wrong_tone" && overruled.success == false, "the online side saw a failure")
        let passed = FailureLabeler().labelled(experience, by: Self.verdict())
        #expect(passed.reward == 0.9 && passed.success == true && passed.failureType == nil)
    }

    /// The scorer an import uses: the verdict on the line's own response, read with its system prompt.
    @Test func theScorerJudgesTheLoggedResponseUnderItsSystemPrompt() throws {
        let scorer = FailureLabeler().scorer(verifier: try Verifier())
        var experience = Experience(
            id: "e", input: "Can I open an account online?", context: "Accounts can be opened online or in a branch.",
            response: "Yes, Fjordvik Bank accounts can be opened online.")
        let unprompted = scorer(experience)
        #expect(unprompted.success == false && unprompted.failureType == "hallucination", "the bank is named nowhere")
        #expect(unprompted.metadata[FailureLabeler.labelledByKey] == .string("verifier"))
        experience.metadata[Experience.systemPromptKey] = .string("You are the assistant of Fjordvik Bank.")
        let prompted = scorer(experience)
        #expect(prompted.success == true && prompted.failureType == nil, "\(prompted)")
        #expect((prompted.reward ?? 0) > (unprompted.reward ?? 1))
    }
}
