import Evaluation
import Experiences
import Foundation
import Reporting
import Testing

/// `kaizen eval`'s HTML page and its test-set reader.
struct EvaluationReportTests {
    @Test func thePageShowsEveryVersionTheDifferenceAndTheFailedCheck() async throws {
        let prompts = [
            EvaluatedPrompt(id: "p_v1_1", text: "Answer the question."),
            EvaluatedPrompt(id: "p_v1_2", text: "Be careful <always>."),
        ]
        var result = try await PromptEvaluator(model: SeededModel(), rewardModel: DigitRewardModel()).evaluate(
            prompts, on: PromptEvaluatorTests.experiences(25))
        try result.check(against: "p_v1_2")
        let report = result.report(prompts: prompts, data: "test.jsonl", generatedAt: "2026-12-02T18:00:00Z")
        #expect(report.gate?.regressions.count == 1)
        #expect(!report.disagreements.isEmpty, "every experience's answers differ between the two prompts")
        let html = HTMLReport.render(report)
        #expect(html.contains("Worse than <code>p_v1_2</code>"))
        #expect(html.contains("Be careful &lt;always&gt;."), "prompt text is escaped")
        #expect(html.contains("missed abstention"))
        #expect(html.contains("p_v1_1 - p_v1_2: reward -0.3000"), "the failed check names the version and the interval")
        #expect(html.contains("<td class=\"num better\">+0.300"), "a higher reward is coloured as better: \(html)")
        #expect(html.contains("<td class=\"num better\">-"), "a lower hallucination rate is coloured as better")
        #expect(!html.contains("num worse"), "nothing got worse from p_v1_1 to p_v1_2")
    }

    @Test func aTestSetNeedsNoLoggedAnswerOrOutcomeButOtherwiseReadsAsTheImporterDoes() {
        let lines = [
            #"{"id": "a", "input": "q", "context": "c"}"#,
            #"{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "q2"}], "id": "b"}"#,
            #"{"id": "c", "response": "r"}"#,
            #"{"id": "d", "input": "q", "response": "old answer", "reward": 0.2}"#,
        ]
        let parsed = TestSet.parse(Data(lines.joined(separator: "\n").utf8))
        #expect(parsed.experiences.map(\.id) == ["a", "b", "d"])
        #expect(parsed.experiences.map(\.input) == ["q", "q2", "q"])
        #expect(parsed.issues.map(\.line) == [3])
        #expect(parsed.issues.first?.field == "input")
    }
}
