/// A way the simulator's answer can go wrong; each maps to a reward part the verifier checks.
package enum FailureMode: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// An unsupported claim: the answer invents a number or a name that is not in the context.
    case hallucination
    /// Padding past the length budget.
    case verbosity
    /// A broken output format (e.g. not JSON when JSON was required).
    case format
    /// An unneeded refusal of an answerable question.
    case refusal
    /// An answer cut short: only the first part of the grounded answer.
    case incomplete

    package static func < (lhs: FailureMode, rhs: FailureMode) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}
