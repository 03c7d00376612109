import Foundation
import RLTraining
import Testing

/// The training curve's JSON: snake_case keys, and the camelCase keys of jobs stored by an older build still read.
struct CurvePointCodingTests {
    @Test func aCurvePointIsWrittenInSnakeCase() throws {
        let point = TrainingCurvePoint(
            step: 1, groups: 8, meanReward: 0.5, klDivergence: 0.01, surrogate: 0.1, objective: 0.09,
            zeroSpreadShare: 0.25, rollouts: 64, tokens: 900, probabilities: [[0.5, 0.5]])
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(point)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "step", "groups", "mean_reward", "kl_divergence", "surrogate", "objective", "zero_spread_share",
                "rollouts",
                "tokens", "probabilities",
            ])
    }

    @Test func aCurvePointStoredWithTheOldCamelCaseKeysStillReads() throws {
        let old =
            #"{"step": 2, "groups": 8, "meanReward": 0.5, "klDivergence": 0.01, "surrogate": 0.1, "objective": 0.09, "zeroSpreadShare": 0.25, "rollouts": 64, "tokens": 900, "probabilities": [[0.5, 0.5]]}"#
        let point = try JSONDecoder().decode(TrainingCurvePoint.self, from: Data(old.utf8))
        #expect(point.meanReward == 0.5 && point.klDivergence == 0.01 && point.zeroSpreadShare == 0.25)
        let again = try JSONDecoder().decode(TrainingCurvePoint.self, from: JSONEncoder().encode(point))
        #expect(again == point)
    }
}
