import DemoWorld
import Testing
import Verification

struct FailureLabelerTests {
    static let reference = "The Lisbon store is managed by Ana Ribeiro."

    static func verdict(
        reward: Double = 0.9, hallucination: Bool = false, reference: Double? = 1, length: Double = 1,
        format: Double? = nil
    ) -> Verdict {
        Verdict(
            id: "e1", reward: reward,
            parts: RewardParts(grounding: 0.85, reference: reference, length: length, format: format),
            hallucination: hallucination, unsupportedClaims: [])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var verdict: Verdict
        var response: String
        var kind: String?
        var expected: String?
        var testDescription: String { self.name }
    }

    static let cases: [Case] = [
        Case(name: "good answer", verdict: verdict(), response: reference, expected: nil),
        Case(
            name: "flagged wins over everything", verdict: verdict(reward: 0.3, hallucination: true, length: 0.2),
            response: "I can't help with that.", expected: "hallucination"),
        Case(
            name: "refusal", verdict: verdict(reward: 0.58, reference: 0),
            response: "I'm sorry, but I can't help with that request.", expected: "refusal"),
        Case(
            name: "curly apostrophe refusal", verdict: verdict(reward: 0.58, reference: 0),
            response: "I\u{2019}m unable to share that.", expected: "refusal"),
        Case(
            name: "abstaining on an unanswerable question is not a refusal",
            verdict: verdict(reward: 0.95), response: "I can't answer that: it is not in the information.",
            kind: "unanswerable", expected: nil),
        Case(
            name: "broken format", verdict: verdict(reward: 0.8, format: 0), response: "{\"answer\": \"x\"",
            expected: "format"),
        Case(name: "format half right", verdict: verdict(format: 0.5), response: reference, expected: nil),
        Case(name: "padded", verdict: verdict(reward: 0.55, length: 0.4), response: reference, expected: "verbosity"),
        Case(name: "slightly long", verdict: verdict(length: 0.95), response: reference, expected: nil),
        Case(
            name: "cut short", verdict: verdict(reward: 0.75, reference: 0.44), response: "The Lisbon store",
            expected: "incomplete"),
        Case(
            name: "long but off-reference is not incomplete", verdict: verdict(reward: 0.7, reference: 0.3),
            response: "Ana Ribeiro runs the Lisbon shop on Harbor Street every day.", expected: nil),
        Case(
            name: "low reward without a visible defect", verdict: verdict(reward: 0.42, reference: 0.9),
            response: reference, expected: "low_reward"),
    ]

    @Test(arguments: cases) func labels(_ example: Case) {
        let label = FailureLabeler().label(
            verdict: example.verdict, response: example.response, reference: Self.reference, kind: example.kind)
        #expect(label == example.expected)
    }

    @Test func incompleteNeedsAReference() {
        let label = FailureLabeler().label(
            verdict: Self.verdict(reward: 0.7, reference: 0.2), response: "The Lisbon", reference: nil, kind: nil)
        #expect(label == nil)
    }

    @Test func thresholdsAreConfigurable() {
        let strict = FailureLabeler(failureThreshold: 0.95, lengthThreshold: 0.99)
        #expect(strict.label(verdict: Self.verdict(length: 0.95), response: "x", reference: nil, kind: nil)
            == "verbosity")
        #expect(strict.label(verdict: Self.verdict(reward: 0.9), response: "x", reference: nil, kind: nil)
            == "low_reward")
    }
}
