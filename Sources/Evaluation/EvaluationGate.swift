/// The CI check of `kaizen eval --fail-if-worse-than REF`: the versions whose mean reward is significantly below the
/// reference's (the paired difference's whole 95% interval below zero).
package struct EvaluationGate: Sendable, Hashable, Codable {
    package var reference: String
    /// Whether no version is significantly worse.
    package var passed: Bool
    package var regressions: [PairwiseDifference]

    package init(reference: String, regressions: [PairwiseDifference]) {
        self.reference = reference
        self.passed = regressions.isEmpty
        self.regressions = regressions
    }
}
