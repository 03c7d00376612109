import PatchGeneration
import PatchRanking
import PromptTraining
import Stages

/// The four stages as the pipeline calls them: in this process, or over HTTP against running services. Both speak
/// the services' JSON contract, so the same seed gives the same result either way.
package protocol PipelineBackend: Sendable {
    func cluster(_ request: ClusterRequest) async throws -> ClusteringRun
    func generatePatches(_ request: GeneratePatchesRequest) async throws -> PatchGenerationResult
    func rank(_ request: RankRequest) async throws -> RankResult
    /// Runs a training job to its end, reporting progress as it goes.
    func train(
        _ request: TrainingRequest, progress: @escaping @Sendable (TrainingProgress) -> Void
    ) async throws
        -> TrainingJob
}
