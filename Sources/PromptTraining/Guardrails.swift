import Experiences
import Foundation
import Prompts
import RLTraining
import Verification

/// One guardrail of the held-out gate: a failure rate (or the mean answer length) under the base prompt and under the
/// candidate on the same experiences, and the paired bootstrap interval of the difference.
package struct GuardrailCheck: Sendable, Hashable, Codable {
    /// The failure mode (`refusal`, `unanswered`, ...) or `mean_words`.
    package var name: String
    package var before: Double
    package var after: Double
    /// After − before, paired by experience, with its 95% interval.
    package var difference: ConfidenceInterval
    /// How far the difference may rise before the guardrail blocks (in the guardrail's own unit).
    package var tolerance: Double
    /// Whether the whole interval lies above the tolerance: worse with confidence, so no version is written.
    package var blocked: Bool

    package init(name: String, before: Double, after: Double, difference: ConfidenceInterval, tolerance: Double) {
        self.name = name
        self.before = before
        self.after = after
        self.difference = difference
        self.tolerance = tolerance
        self.blocked = difference.low > tolerance
    }

    /// "refusal rate 0.050 -> 0.300 (+0.250, 95% interval [0.150, 0.350])".
    package var sentence: String {
        let label = self.name == "mean_words" ? "mean answer length (words)" : "\(self.name) rate"
        return String(
            format: "%@ %.3f -> %.3f (%+.3f, 95%% interval [%.3f, %.3f])", label, self.before, self.after,
            self.difference.estimate, self.difference.low, self.difference.high)
    }

    /// The guardrail as recorded in a version's provenance, figures rounded to six decimals.
    var provenance: Provenance.Guardrail {
        let rounded = Provenance.rounded
        return Provenance.Guardrail(
            before: rounded(self.before), after: rounded(self.after),
            differenceInterval: Provenance.Interval(
                low: rounded(self.difference.low), high: rounded(self.difference.high)),
            tolerance: rounded(self.tolerance), blocked: self.blocked)
    }

    enum CodingKeys: String, CodingKey {
        case name, before, after, difference, tolerance, blocked
    }
}

/// The guardrails the gate checks besides the reward gain: a prompt that lowers hallucinations by declining more
/// often, or by answering at greater length, must not pass because its mean reward rose.
enum Guardrails {
    /// The failure modes watched, in report order.
    static let watched: [ResponseFailure] = [
        .refusal, .unanswered, .missedAbstention, .hallucination, .incomplete, .format,
    ]

    /// Every guardrail for paired verdicts and answer lengths.
    ///
    /// - Precondition: `baseline` and `candidate` are non-empty and paired by index.
    static func check(
        baseline: [(verdict: Verdict, words: Int)], candidate: [(verdict: Verdict, words: Int)],
        configuration: TrainerConfiguration, bootstrap: BootstrapConfiguration
    ) -> [GuardrailCheck] {
        func guardrail(
            _ name: String, tolerance: Double, _ value: ((verdict: Verdict, words: Int)) -> Double
        )
            -> GuardrailCheck
        {
            let before = baseline.map(value)
            let after = candidate.map(value)
            return GuardrailCheck(
                name: name, before: Statistics.mean(before), after: Statistics.mean(after),
                difference: PairedBootstrap.meanDifference(
                    baseline: before, candidate: after, configuration: bootstrap),
                tolerance: tolerance)
        }
        var checks = Self.watched.map { failure in
            guardrail(failure.rawValue, tolerance: configuration.guardrailTolerance) { $0.verdict.has(failure) ? 1 : 0 }
        }
        let baseWords = Statistics.mean(baseline.map { Double($0.words) })
        checks.append(
            guardrail("mean_words", tolerance: configuration.lengthGuardrailTolerance * max(1, baseWords)) {
                Double($0.words)
            })
        return checks
    }
}
