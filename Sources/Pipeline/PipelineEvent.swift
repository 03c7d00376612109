import PromptTraining

/// What the pipeline reports as it goes, for a terminal or a log.
package enum PipelineEvent: Sendable {
    case stage(String)
    case clustered(clusters: Int, failures: Int)
    case patched(clusterID: String, candidates: Int, selected: String?)
    case training(TrainingProgress)
    case finished(String)
}
