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
    /// Whether the guardrail got worse with confidence, by more than the tolerance, so no version is written: the
    /// difference's interval lies above 0 and the estimated rise is above the tolerance; for the answer length, a
    /// sign-flip test of the paired differences must agree too. "With confidence" is the gain's own test turned round
    /// and the demo's headline's ("a guardrail rate rose with confidence"), so the gate does not write a version that
    /// its next rounds would call "not an improvement" on the same evidence (Docs/verifier.md, "The held-out gate").
    package var blocked: Bool

    /// - Parameters:
    ///   - worsePValue: the one-sided sign-flip p-value that the paired differences (after − before) are above 0
    ///     (``RLTraining/PairedBootstrap/signFlipPValue(of:shift:configuration:)``), or `nil` when the guardrail does
    ///     not ask the test.
    ///   - level: the p-value at or under which the test agrees (the interval's one-sided tail).
    package init(
        name: String, before: Double, after: Double, difference: ConfidenceInterval, tolerance: Double,
        worsePValue: Double?, level: Double
    ) {
        self.name = name
        self.before = before
        self.after = after
        self.difference = difference
        self.tolerance = tolerance
        self.blocked =
            difference.low > 0 && difference.estimate > tolerance && (worsePValue.map { $0 <= level } ?? true)
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

    /// The check of one guardrail's paired values (1 or 0 for a failure mode, or the answer's words), per held-out
    /// experience under the base prompt (`before`) and the candidate (`after`).
    ///
    /// `signFlip` asks the sign-flip test as well, for values whose differences can rest on a few experiences (a few
    /// answers hundreds of words long), where the bootstrap interval alone blocks a version that changed nothing too
    /// often; for a rate the test on a handful of discordant pairs is too coarse and mostly costs power
    /// (Benchmarks/README.md, "The guardrails under the null").
    ///
    /// - Precondition: `before` and `after` are non-empty and paired by index.
    package static func paired(
        name: String, before: [Double], after: [Double], tolerance: Double, signFlip: Bool,
        bootstrap: BootstrapConfiguration
    ) -> GuardrailCheck {
        let difference = PairedBootstrap.meanDifference(baseline: before, candidate: after, configuration: bootstrap)
        // The test costs a pass over the resamples; only a rise that would otherwise block needs it.
        let asks = signFlip && difference.low > 0 && difference.estimate > tolerance
        return GuardrailCheck(
            name: name, before: Statistics.mean(before), after: Statistics.mean(after), difference: difference,
            tolerance: tolerance,
            worsePValue: asks
                ? PairedBootstrap.signFlipPValue(of: zip(after, before).map { $0 - $1 }, configuration: bootstrap)
                : nil,
            level: bootstrap.oneSidedLevel)
    }

    enum CodingKeys: String, CodingKey {
        case name, before, after, difference, tolerance, blocked
    }
}

/// The guardrails the gate checks besides the reward gain: a prompt that lowers hallucinations by declining more
/// often, or by answering at greater length, must not pass because its mean reward rose.
package enum Guardrails {
    /// The failure modes watched, in report order.
    package static let watched: [ResponseFailure] = [
        .refusal, .unanswered, .missedAbstention, .hallucination, .incomplete, .format,
    ]

    /// Every guardrail for paired verdicts and answer lengths, one answer per experience.
    ///
    /// - Precondition: `baseline` and `candidate` are non-empty and paired by index.
    package static func check(
        baseline: [(verdict: Verdict, words: Int)], candidate: [(verdict: Verdict, words: Int)],
        configuration: TrainerConfiguration, bootstrap: BootstrapConfiguration
    ) -> [GuardrailCheck] {
        Self.check(
            baseline: baseline.map { [$0] }, candidate: candidate.map { [$0] }, configuration: configuration,
            bootstrap: bootstrap)
    }

    /// Every guardrail for paired experiences, each with one or more answers: a rate is each experience's share of
    /// answers with the failure, a length its mean, and the pairs resampled are experiences.
    ///
    /// - Precondition: `baseline` and `candidate` are non-empty, paired by index, and every experience has answers.
    package static func check(
        baseline: [[(verdict: Verdict, words: Int)]], candidate: [[(verdict: Verdict, words: Int)]],
        configuration: TrainerConfiguration, bootstrap: BootstrapConfiguration
    ) -> [GuardrailCheck] {
        func guardrail(
            _ name: String, tolerance: Double, signFlip: Bool = false,
            _ value: ((verdict: Verdict, words: Int)) -> Double
        )
            -> GuardrailCheck
        {
            GuardrailCheck.paired(
                name: name, before: baseline.map { Statistics.mean($0.map(value)) },
                after: candidate.map { Statistics.mean($0.map(value)) }, tolerance: tolerance, signFlip: signFlip,
                bootstrap: bootstrap)
        }
        var checks = Self.watched.map { failure in
            guardrail(failure.rawValue, tolerance: configuration.guardrailTolerance) { $0.verdict.has(failure) ? 1 : 0 }
        }
        let baseWords = Statistics.mean(baseline.map { answers in Statistics.mean(answers.map { Double($0.words) }) })
        checks.append(
            guardrail(
                "mean_words", tolerance: configuration.lengthGuardrailTolerance * max(1, baseWords), signFlip: true
            ) {
                Double($0.words)
            })
        return checks
    }
}
