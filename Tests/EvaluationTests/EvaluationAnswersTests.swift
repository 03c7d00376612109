import Evaluation
import Experiences
import PromptTraining
import RLTraining
import Testing

/// `kaizen eval --answers N`: every version answers every experience N times, answer j with one seed under every
/// version; an experience counts with its mean reward and its share of failing answers, and intervals resample
/// experiences.
struct EvaluationAnswersTests {
    static func evaluate(answers: Int, experiences: Int = 30) async throws -> EvaluationResult {
        var configuration = EvaluationConfiguration()
        configuration.answersPerExperience = answers
        return try await PromptEvaluator(
            model: SeededModel(), rewardModel: DigitRewardModel(), configuration: configuration
        ).evaluate(
            [PromptEvaluatorTests.plain, PromptEvaluatorTests.careful],
            on: PromptEvaluatorTests.experiences(experiences))
    }

    @Test func oneAnswerKeepsTheShapeAndTheFiguresOfBefore() async throws {
        let result = try await Self.evaluate(answers: 1)
        #expect(result.answersPerExperience == 1)
        #expect(result.cases.allSatisfy { $0.results.allSatisfy { $0.answers == nil } })
        // Each figure is that of the answer drawn with the experience's seed of draw 0, the seed `eval` always used.
        for item in result.cases {
            let seed = PromptTrainer.experienceSeed(0, item.experienceID)
            #expect(item.results[1].output == "good \(seed % 10)")
            #expect(item.results[0].failureModes == (seed % 10 < 5 ? ["hallucination"] : []))
        }
    }

    @Test func severalAnswersAreEachDrawnAndSummarisedByTheirMeanAndShare() async throws {
        let result = try await Self.evaluate(answers: 3)
        #expect(result.answersPerExperience == 3)
        for item in result.cases {
            for version in item.results {
                let answers = try #require(version.answers)
                #expect(answers.count == 3)
                #expect(abs(version.reward - answers.map(\.reward).reduce(0, +) / 3) < 1e-12)
                #expect(version.output == answers[0].output)
                #expect(version.tokens == answers.reduce(0) { $0 + $1.tokens })
                let failing = answers.count(where: { $0.failureModes.contains("hallucination") })
                #expect(version.share(of: "hallucination") == Double(failing) / 3)
                #expect(version.failureModes == (failing > 0 ? ["hallucination"] : []))
            }
            // Answer j has draw j's seed, under both versions alike.
            let digits = (0..<3).map { PromptTrainer.experienceSeed(0, item.experienceID, draw: $0) % 10 }
            #expect(item.results[0].answers?.map(\.output) == digits.map { "bad \($0)" })
            #expect(item.results[1].answers?.map(\.output) == digits.map { "good \($0)" })
        }
        // The rate is the mean share over experiences.
        let plain = result.versions[0]
        let shares = result.cases.map { $0.results[0].share(of: "hallucination") }
        #expect(abs((plain.failureRates["hallucination"]?.estimate ?? -1) - shares.reduce(0, +) / 30) < 1e-12)
    }

    /// The digit noise is shared by both versions, so the difference is 0.3 on every answer whatever the count, but
    /// each version's own mean varies less with more answers: its interval narrows.
    @Test func moreAnswersNarrowAVersionsInterval() async throws {
        let one = try await Self.evaluate(answers: 1, experiences: 40)
        let four = try await Self.evaluate(answers: 4, experiences: 40)
        func width(_ result: EvaluationResult) -> Double {
            result.versions[0].meanReward.high - result.versions[0].meanReward.low
        }
        #expect(width(four) < 0.75 * width(one), "\(width(four)) vs \(width(one))")
        let difference = try #require(four.differences.first)
        #expect(abs(difference.reward.estimate - 0.3) < 1e-9 && difference.verdict == .better)
    }

    @Test(arguments: [0, 17])
    func aCountOutsideTheLimitsIsRefused(_ answers: Int) async throws {
        await #expect(throws: EvaluationError.answersOutOfRange(answers)) {
            _ = try await Self.evaluate(answers: answers)
        }
    }
}
