import RLTraining
import Verification

/// Prompt versions scored side by side on one test set.
package struct EvaluationResult: Sendable, Hashable, Codable {
    /// Every failure mode the verifier diagnoses, in its order (worst first): the rates every version reports.
    package static let failureModes = ResponseFailure.allCases.map(\.rawValue)

    /// How many experiences each version answered.
    package var experiences: Int
    /// The model that answered, whether it was the simulator, and the reward model that judged.
    package var model: String
    package var simulated: Bool
    package var rewardModel: String
    package var seed: UInt64
    /// How many times each version answered each experience; figures use each experience's mean and share.
    package var answersPerExperience: Int
    /// Whether the test set is below ``EvaluationConfiguration/minimumExperiences``: intervals are shown but no
    /// difference is called significant.
    package var tooLittleData: Bool
    package var minimumExperiences: Int
    /// The versions in the order they were named.
    package var versions: [VersionScore]
    /// Every pair, later version minus earlier one.
    package var differences: [PairwiseDifference]
    /// Every experience's answers and verdicts.
    package var cases: [EvaluationCase]
    /// Resamples of every bootstrap interval.
    package var bootstrapResamples: Int
    /// The CI check, once ``check(against:)`` ran.
    package var gate: EvaluationGate?

    /// `candidate − baseline`, paired by experience, for any two evaluated versions.
    /// - Throws: ``EvaluationError/unknownPrompt(_:)``.
    package func difference(_ candidate: String, minus baseline: String) throws -> PairwiseDifference {
        guard let b = self.versions.firstIndex(where: { $0.promptID == baseline }) else {
            throw EvaluationError.unknownPrompt(baseline)
        }
        guard let c = self.versions.firstIndex(where: { $0.promptID == candidate }) else {
            throw EvaluationError.unknownPrompt(candidate)
        }
        let bootstrap = BootstrapConfiguration(resamples: self.bootstrapResamples, seed: self.seed)
        func paired(_ value: (EvaluationCase.Result) -> Double) -> ConfidenceInterval {
            PairedBootstrap.meanDifference(
                baseline: self.cases.map { value($0.results[b]) }, candidate: self.cases.map { value($0.results[c]) },
                configuration: bootstrap)
        }
        let reward = paired(\.reward)
        var rates: [String: ConfidenceInterval] = [:]
        for mode in Self.failureModes {
            rates[mode] = paired { $0.share(of: mode) }
        }
        let verdict: PairwiseDifference.Verdict =
            self.tooLittleData
            ? .noSignificantDifference
            : reward.low > 0 ? .better : reward.high < 0 ? .worse : .noSignificantDifference
        return PairwiseDifference(
            baseline: baseline, candidate: candidate, reward: reward, failureRates: rates, verdict: verdict)
    }

    /// The `--fail-if-worse-than` check: every other version's reward against `reference`'s, recorded in ``gate``.
    /// - Throws: ``EvaluationError/unknownPrompt(_:)`` when `reference` was not evaluated.
    @discardableResult
    package mutating func check(against reference: String) throws -> EvaluationGate {
        guard self.versions.contains(where: { $0.promptID == reference }) else {
            throw EvaluationError.unknownPrompt(reference)
        }
        let regressions = try self.versions.filter { $0.promptID != reference }
            .map { try self.difference($0.promptID, minus: reference) }
            .filter { $0.verdict == .worse }
        let gate = EvaluationGate(reference: reference, regressions: regressions)
        self.gate = gate
        return gate
    }

    enum CodingKeys: String, CodingKey {
        case experiences, model, simulated
        case rewardModel = "reward_model"
        case seed
        case answersPerExperience = "answers_per_experience"
        case tooLittleData = "too_little_data"
        case minimumExperiences = "minimum_experiences"
        case versions, differences, cases
        case bootstrapResamples = "bootstrap_resamples"
        case gate
    }
}
