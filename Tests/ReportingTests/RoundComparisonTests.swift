import Reporting
import Testing

struct RoundComparisonTests {
    static func round(
        _ number: Int, hallucination: Double, refusal: Double, source: String = "simulator", interactions: Int = 240
    ) -> PipelineReport.Round {
        PipelineReport.Round(
            round: number, promptID: "p_v1_\(number)", interactions: interactions, hallucinationRate: hallucination,
            meanReward: 0.7, failureModeRates: ["refusal": refusal], source: source)
    }

    @Test func aHeadlineCannotClaimImprovementWhileRefusalsRoseSignificantly() throws {
        let comparison = try #require(
            RoundComparison(rounds: [
                Self.round(1, hallucination: 0.30, refusal: 0.01), Self.round(2, hallucination: 0.05, refusal: 0.12),
            ]))
        #expect(comparison.worsened.map(\.name) == ["refusal"])
        #expect(comparison.headline.hasPrefix("not an improvement"), "\(comparison.headline)")
        #expect(comparison.headline.contains("refusal rate 0.010 -> 0.120"))
    }

    @Test func aSmallRiseInRefusalsIsNotSignificant() throws {
        let comparison = try #require(
            RoundComparison(rounds: [
                Self.round(1, hallucination: 0.30, refusal: 0.01), Self.round(2, hallucination: 0.05, refusal: 0.02),
            ]))
        #expect(comparison.worsened.isEmpty)
        #expect(!comparison.headline.contains("not an improvement"))
        #expect(comparison.hallucination.difference.high < 0)
    }

    @Test func roundsAreComparedOnlyWithTheSameSource() throws {
        let rounds = [
            Self.round(1, hallucination: 0.53, refusal: 0, source: "logged data"),
            Self.round(2, hallucination: 0.06, refusal: 0.01), Self.round(3, hallucination: 0.04, refusal: 0.01),
        ]
        let comparison = try #require(RoundComparison(rounds: rounds))
        #expect(comparison.first.round == 2 && comparison.last.round == 3)
        #expect(RoundComparison(rounds: Array(rounds.prefix(2))) == nil)
    }

    @Test func theIntervalCoversZeroForEqualRatesAndSmallSamples() {
        let interval = RoundComparison.differenceInterval(before: 0, beforeCount: 10, after: 0, afterCount: 10)
        #expect(interval.estimate == 0 && interval.low < 0 && interval.high > 0)
        let wide = RoundComparison.differenceInterval(before: 0.1, beforeCount: 10, after: 0.3, afterCount: 10)
        #expect(wide.low < 0 && wide.high > 0.2)
    }
}
