import RLTraining
import Reporting

extension EvaluationResult {
    /// The most disagreements the page shows.
    static let shownDisagreements = 25

    /// A sentence for people when the test set is too small for the intervals, else `nil`.
    package var tooLittleDataNote: String? {
        guard self.tooLittleData else { return nil }
        return
            "too little data: \(self.experiences) experiences, at least \(self.minimumExperiences) are needed for the "
            + "95% intervals to hold; the intervals are shown but no difference is called significant"
    }

    /// The HTML page's content.
    /// - Parameters:
    ///   - prompts: the evaluated prompts (for their texts), in the result's order.
    ///   - data: where the test set came from.
    package func report(prompts: [EvaluatedPrompt], data: String, generatedAt: String) -> PromptComparisonReport {
        func estimate(_ interval: ConfidenceInterval) -> PromptComparisonReport.Estimate {
            PromptComparisonReport.Estimate(value: interval.estimate, low: interval.low, high: interval.high)
        }
        let texts = Dictionary(prompts.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        let disagreements = self.cases.compactMap { item -> (spread: Double, PromptComparisonReport.Disagreement)? in
            let rewards = item.results.map(\.reward)
            let spread = (rewards.max() ?? 0) - (rewards.min() ?? 0)
            guard Set(item.results.map(\.failureModes)).count > 1 || spread >= 0.2 else { return nil }
            return (
                spread,
                PromptComparisonReport.Disagreement(
                    experienceID: item.experienceID, input: item.input,
                    answers: item.results.map {
                        .init(
                            promptID: $0.promptID, output: $0.output, reward: $0.reward, failureModes: $0.failureModes)
                    })
            )
        }
        .sorted { ($1.spread, $0.1.experienceID) < ($0.spread, $1.1.experienceID) }
        .prefix(Self.shownDisagreements).map { $0.1 }
        var notes: [String] = []
        if let note = self.tooLittleDataNote { notes.append(note) }
        if self.answersPerExperience > 1 {
            notes.append(
                "Every version answered every experience \(self.answersPerExperience) times (answer j with the same "
                    + "sampling seed under every version, seed \(self.seed)), so differences are paired; an experience "
                    + "counts with its mean reward and its share of answers with each failure mode, and the intervals "
                    + "resample experiences: bootstrap (\(self.bootstrapResamples) resamples) for rewards and "
                    + "differences, Wilson over experiences for failure rates.")
        } else {
            notes.append(
                "Every version answered every experience with the same sampling seed per experience (seed "
                    + "\(self.seed)), so differences are paired; intervals: bootstrap (\(self.bootstrapResamples) "
                    + "resamples) for rewards and differences, Wilson for failure rates.")
        }
        return PromptComparisonReport(
            title: "Prompt evaluation: " + self.versions.map(\.promptID).joined(separator: " vs "),
            generatedAt: generatedAt, model: .init(name: self.model, simulated: self.simulated),
            rewardModel: self.rewardModel, data: data, experiences: self.experiences,
            failureModes: Self.failureModes,
            versions: self.versions.map { version in
                .init(
                    id: version.promptID, text: texts[version.promptID] ?? "", meanReward: estimate(version.meanReward),
                    failureRates: version.failureRates.mapValues(estimate))
            },
            differences: self.differences.map { difference in
                .init(
                    baseline: difference.baseline, candidate: difference.candidate, reward: estimate(difference.reward),
                    failureRates: difference.failureRates.mapValues(estimate))
            },
            gate: self.gate.map { .init(reference: $0.reference, regressions: $0.regressions.map(\.sentence)) },
            disagreements: Array(disagreements), notes: notes)
    }
}
