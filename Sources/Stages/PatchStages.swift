import PatchGeneration
import PatchRanking

/// The patch generator and the ranker as the services, the CLI and the pipeline call them: references resolved,
/// then the libraries.
package struct PatchStages: Sendable {
    package let inputs: StageInputs
    package let generator: PatchGenerator
    package let ranker: Ranker

    package init(inputs: StageInputs, generator: PatchGenerator, ranker: Ranker) {
        self.inputs = inputs
        self.generator = generator
        self.ranker = ranker
    }

    /// Resolves the request's prompt and cluster, then generates 3-5 candidates.
    package func generate(_ request: GeneratePatchesRequest) async throws -> PatchGenerationResult {
        var generation = request.generation
        generation.promptText = try self.inputs.promptText(id: generation.promptID, text: generation.promptText)
        generation.cluster = try await self.inputs.cluster(
            inline: generation.cluster, clusteringID: request.clusteringID, clusterID: generation.clusterID)
        return try await self.generator.generate(generation)
    }

    /// Resolves the request's prompt and cluster (inline, or by clustering and cluster id as ``generate(_:)``
    /// takes it), then scores and orders the candidates.
    package func rank(_ request: RankRequest) async throws -> RankResult {
        var request = request
        request.promptText = try self.inputs.promptText(id: request.promptID, text: request.promptText)
        request.cluster = try await self.inputs.cluster(
            inline: request.cluster, clusteringID: request.clusteringID, clusterID: request.clusterID)
        return try await self.ranker.rank(request)
    }
}
