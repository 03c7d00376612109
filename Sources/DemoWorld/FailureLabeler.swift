import Foundation
import Verification

/// Turns a verifier's verdict into the `success` flag and `failure_type` label the online side would log.
///
/// The label is the verdict's worst failure mode (`hallucination`, `missed_abstention`, `refusal`, `unanswered`,
/// `incomplete`, `verbose`, `format`; see `Docs/verifier.md`); a verdict with no failure mode but a reward below
/// ``failureThreshold`` (possible only with a custom reward model or bands) is labelled `low_reward`. An interaction
/// succeeds exactly when it gets no label.
package struct FailureLabeler: Sendable, Hashable {
    /// The reward below which a verdict without a failure mode still fails (`low_reward`). Default 0.5.
    package var failureThreshold: Double

    /// Creates a labeller.
    package init(failureThreshold: Double = 0.5) {
        self.failureThreshold = failureThreshold
    }

    /// The failure label for a verdict, or `nil` when the interaction succeeds.
    package func label(verdict: Verdict) -> String? {
        if let worst = verdict.failureModes.first { return worst.rawValue }
        return verdict.reward < self.failureThreshold ? "low_reward" : nil
    }
}
