import Reporting

/// One finished round of a ``DemoSession``: its figures, what the pipeline did, and where its report is.
package struct DemoRound: Sendable {
    /// The round's row of the demo's table (failures per cluster of this round's interactions, or per type when
    /// nothing was clustered).
    package var row: PipelineReport.Round
    /// This round's failures per failure type.
    package var failuresByType: [String: Int]
    /// How many failures the pipeline clustered: more than this round's when earlier rounds logged failures under
    /// the same prompt.
    package var clusteredFailures: Int
    /// The run's one-line summary (the version written, or why none was).
    package var summary: String
    /// The training job whose held-out set `kaizen eval --held-out-of` can answer again; `nil` when nothing was
    /// trained.
    package var jobID: String?
    /// The round's HTML report.
    package var reportPath: String
}
