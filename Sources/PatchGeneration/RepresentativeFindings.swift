import Verification

/// What the checks found on one representative failure: the verifier's verdict and the categories it shows.
package struct RepresentativeFindings: Sendable, Hashable {
    /// The representative's id.
    package var id: String
    /// The verifier's verdict on the logged response (its grounding part only means something when the
    /// representative has a context or a reference).
    package var verdict: Verdict
    /// Numbers in the response that nothing supports (empty when it cannot be replayed).
    package var unsupportedNumbers: [String]
    /// Categories this representative shows.
    package var flags: Set<FailureCategory>
    /// Categories that could be checked on it at all.
    package var checkable: Set<FailureCategory>
    /// Short readable findings, e.g. `verifier reward 0.31; unsupported claims: elena lindqvist, 1987`.
    package var summary: String

    /// Creates findings.
    package init(
        id: String, verdict: Verdict, unsupportedNumbers: [String], flags: Set<FailureCategory>,
        checkable: Set<FailureCategory>, summary: String
    ) {
        self.id = id
        self.verdict = verdict
        self.unsupportedNumbers = unsupportedNumbers
        self.flags = flags
        self.checkable = checkable
        self.summary = summary
    }
}
