import Foundation
import RLTraining

/// `candidate − baseline` on the same experiences with the same sampling seeds: the mean reward difference and each
/// failure mode's rate difference, with paired-bootstrap 95% intervals.
package struct PairwiseDifference: Sendable, Hashable, Codable {
    package var baseline: String
    package var candidate: String
    package var reward: ConfidenceInterval
    package var failureRates: [String: ConfidenceInterval]
    /// `better` (the reward difference's interval lies above zero), `worse` (below zero), or
    /// `no_significant_difference`; always the last when the test set is below the trusted size.
    package var verdict: Verdict

    package enum Verdict: String, Sendable, Hashable, Codable {
        case better, worse
        case noSignificantDifference = "no_significant_difference"
    }

    /// "p_v1_3 − p_v1_2: reward −0.052, 95% interval [−0.081, −0.024]".
    package var sentence: String {
        String(
            format: "%@ - %@: reward %+.4f, 95%% interval [%+.4f, %+.4f]", self.candidate, self.baseline,
            self.reward.estimate, self.reward.low, self.reward.high)
    }

    enum CodingKeys: String, CodingKey {
        case baseline, candidate, reward
        case failureRates = "failure_rates"
        case verdict
    }
}
