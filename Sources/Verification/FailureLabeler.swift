import Experiences
import Foundation

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

    /// `experience` with the outcome its response earns by `verdict`: the verdict's `reward`, `success` when
    /// ``label(verdict:)`` gives no label, and that label as `failure_type`; metadata `hallucination` and
    /// `failure_modes` record the verdict. A `failure_type` the experience already carries (the online side's own
    /// label) is kept, and the experience then fails whatever the verdict: the online side saw a failure.
    package func labelled(_ experience: Experience, by verdict: Verdict) -> Experience {
        var experience = experience
        let label = self.label(verdict: verdict)
        experience.reward = verdict.reward
        experience.success = label == nil && experience.failureType == nil
        if experience.failureType == nil { experience.failureType = label }
        experience.metadata["hallucination"] = .bool(verdict.hallucination)
        experience.metadata["failure_modes"] = .array(verdict.failureModes.map { .string($0.rawValue) })
        return experience
    }

    /// The metadata key that says what scored an experience the online side logged without an outcome
    /// (`labelled_by`).
    package static let labelledByKey = "labelled_by"

    /// What ``Experiences/ExperienceImporter/scoreUnlabelled`` does with the verifier: `verifier`'s verdict on the
    /// line's own response, through ``labelled(_:by:)``, marked `labelled_by: "verifier"`.
    package func scorer(verifier: Verifier) -> @Sendable (Experience) -> Experience {
        { experience in
            var scored = self.labelled(experience, by: verifier.verify(experience))
            scored.metadata[Self.labelledByKey] = .string("verifier")
            return scored
        }
    }
}
