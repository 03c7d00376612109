import Foundation

/// The demo's headline: the first and the last round compared like with like, with intervals, and never called an
/// improvement while a guardrail rate got worse with confidence.
package struct RoundComparison: Sendable, Hashable {
    /// The failure modes whose rates must not rise for the headline to claim an improvement.
    package static let guardrails = ["refusal", "unanswered", "missed_abstention", "incomplete", "format"]

    /// One rate in both rounds, with the 95% interval of the difference.
    package struct Change: Sendable, Hashable {
        package var name: String
        package var before: Double
        package var after: Double
        package var difference: PipelineReport.Interval

        /// "refusal rate 0.010 -> 0.120 (+0.110, 95% interval [+0.060, +0.160])".
        package var sentence: String {
            String(
                format: "%@ rate %.3f -> %.3f (%+.3f, 95%% interval [%+.3f, %+.3f])",
                self.name.replacingOccurrences(of: "_", with: " "), self.before, self.after, self.difference.estimate,
                self.difference.low, self.difference.high)
        }
    }

    /// The rounds compared: the last, and the first round whose responses came from the same source.
    package var first: PipelineReport.Round
    package var last: PipelineReport.Round
    package var hallucination: Change
    package var guardrailChanges: [Change]

    /// Compares the last round with the first round of the same source; `nil` when there is no earlier such round.
    package init?(rounds: [PipelineReport.Round]) {
        guard let last = rounds.last,
            let first = rounds.dropLast().first(where: { $0.source == last.source })
        else { return nil }
        self.first = first
        self.last = last
        func change(_ name: String, _ rate: (PipelineReport.Round) -> Double) -> Change {
            Change(
                name: name, before: rate(first), after: rate(last),
                difference: Self.differenceInterval(
                    before: rate(first), beforeCount: first.interactions, after: rate(last),
                    afterCount: last.interactions))
        }
        self.hallucination = change("hallucination", \.hallucinationRate)
        self.guardrailChanges = Self.guardrails.map { mode in change(mode) { $0.rate(mode) } }
    }

    /// The guardrails whose rate rose with confidence (the interval's lower end above zero).
    package var worsened: [Change] { self.guardrailChanges.filter { $0.difference.low > 0 } }

    /// One line for the terminal and the report.
    package var headline: String {
        let span =
            "round \(self.first.round) (\(self.first.promptID)) vs round \(self.last.round) (\(self.last.promptID))"
        let reward = String(format: "mean reward %.3f -> %.3f", self.first.meanReward, self.last.meanReward)
        if !self.worsened.isEmpty {
            return "not an improvement, \(span): \(self.hallucination.sentence), but "
                + self.worsened.map(\.sentence).joined(separator: "; ") + "; \(reward)"
        }
        let refusal = self.guardrailChanges.first { $0.name == "refusal" }!
        return "\(span): \(self.hallucination.sentence); \(refusal.sentence); \(reward)"
    }

    /// The Agresti-Caffo 95% interval of `after − before` for two independent proportions (one success and one
    /// failure added to each group), which keeps its coverage for small counts and rates near 0, where the Wald
    /// interval collapses to a point.
    package static func differenceInterval(
        before: Double, beforeCount: Int, after: Double, afterCount: Int
    )
        -> PipelineReport.Interval
    {
        let n1 = Double(max(beforeCount, 0))
        let n2 = Double(max(afterCount, 0))
        let p1 = (before * n1 + 1) / (n1 + 2)
        let p2 = (after * n2 + 1) / (n2 + 2)
        let se = (p1 * (1 - p1) / (n1 + 2) + p2 * (1 - p2) / (n2 + 2)).squareRoot()
        let centre = p2 - p1
        return PipelineReport.Interval(estimate: after - before, low: centre - 1.96 * se, high: centre + 1.96 * se)
    }
}
