import Reporting

/// What a whole ``DemoSession`` did: every round's row, the comparison of the last round with the first of the
/// same source, and the files it left.
package struct DemoOutcome: Sendable {
    /// Every round's row, in order.
    package var rounds: [PipelineReport.Round]
    /// The last round against the first round of the same source; `nil` when no earlier round has it.
    package var comparison: RoundComparison?
    /// The report of the last run with every round's figures; `nil` when no round ran.
    package var reportPath: String?
    /// The registry's version files, in order (`p_v1_1.json`, ...).
    package var registryFiles: [String]
}
