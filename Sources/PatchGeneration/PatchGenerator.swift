import Foundation
import LanguageModels
import Verification

/// Proposes 3-5 explained prompt patches for a failure cluster: from the template library (offline, default) or
/// by asking a language model (LLM mode).
///
/// Both modes first infer the cluster's failure categories (``ModeInference``), and both apply the
/// ``InjectionGuard``, so no patch carries 8+ consecutive words of a logged input, response or context into the
/// prompt. Template mode is deterministic: the same prompt, cluster, count and seed give the same candidates in the
/// same order. LLM mode is as deterministic as the model is for a seed.
package struct PatchGenerator: Sendable {
    /// The validated configuration.
    package let configuration: PatchGeneratorConfiguration
    /// The model for LLM mode, if any.
    package let model: (any LanguageModel)?
    private let inference: ModeInference

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - configuration: the settings.
    ///   - model: the model LLM mode asks; `nil` makes LLM mode an error. Default `nil`.
    /// - Throws: ``PatchGenerationError`` or ``Verification/VerificationError`` when the configuration is invalid.
    package init(
        configuration: PatchGeneratorConfiguration = PatchGeneratorConfiguration(), model: (any LanguageModel)? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.model = model
        self.inference = ModeInference(verifier: try Verifier(configuration: configuration.verifier))
    }

    /// Infers the cluster's failure categories (what both modes build on).
    ///
    /// - Complexity: O(representatives × their length + top terms + labels).
    package func inferModes(of cluster: ClusterEvidence) -> ModeInference.Result {
        self.inference.infer(cluster)
    }

    /// Generates patches for a request whose `prompt_text` and `cluster` are filled in (the HTTP layer resolves
    /// `prompt_id` and `cluster_id` first).
    ///
    /// - Throws: ``PatchGenerationError`` (`missingField` when `prompt_text` or `cluster` is absent), see
    ///   ``generate(prompt:cluster:mode:count:seed:promptID:)``.
    package func generate(_ request: PatchGenerationRequest) async throws -> PatchGenerationResult {
        guard let prompt = request.promptText else { throw PatchGenerationError.missingField("prompt_text") }
        guard let cluster = request.cluster else { throw PatchGenerationError.missingField("cluster") }
        return try await self.generate(
            prompt: prompt, cluster: cluster, mode: request.mode ?? .template, count: request.count ?? 3,
            seed: request.seed ?? 0, promptID: request.promptID)
    }

    /// Generates `count` distinct patches of `prompt` for `cluster`.
    ///
    /// - Parameters:
    ///   - prompt: the prompt version's text.
    ///   - cluster: the failure cluster.
    ///   - mode: `template` (default) or `llm`.
    ///   - count: how many candidates, within ``PatchGeneratorConfiguration/allowedCounts`` (3...5). Default 3.
    ///   - seed: fixes phrasings, tie order and the worked example's representative (and the model's seed).
    ///   - promptID: the prompt version's id, echoed in the result.
    /// - Throws: ``PatchGenerationError``: `countOutOfRange`, `emptyPrompt`, `emptyCluster`, `notEnoughCandidates`
    ///   (template), `modelNotConfigured` or `modelFailed` (LLM).
    /// - Complexity: template mode is O(strategies × prompt length + representatives' length).
    package func generate(
        prompt: String,
        cluster: ClusterEvidence,
        mode: GenerationMode = .template,
        count: Int = 3,
        seed: UInt64 = 0,
        promptID: String? = nil
    ) async throws -> PatchGenerationResult {
        guard self.configuration.allowedCounts.contains(count) else {
            throw PatchGenerationError.countOutOfRange(count, allowed: self.configuration.allowedCounts)
        }
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PatchGenerationError.emptyPrompt
        }
        guard !cluster.isEmpty else { throw PatchGenerationError.emptyCluster(cluster.clusterID) }
        let inferred = self.inference.infer(cluster)
        switch mode {
        case .template:
            let writer = TemplatePatchWriter(
                prompt: prompt, cluster: cluster, inference: inferred, configuration: self.configuration, seed: seed)
            let (candidates, rejected, skipped) = try writer.write(count: count)
            return PatchGenerationResult(
                clusterID: cluster.clusterID, promptID: promptID, mode: .template, seed: seed, modes: inferred.modes,
                candidates: candidates, rejected: rejected, skipped: skipped)
        case .llm:
            guard let model = self.model else { throw PatchGenerationError.modelNotConfigured }
            let writer = LLMPatchWriter(
                prompt: prompt, cluster: cluster, inference: inferred, configuration: self.configuration, model: model,
                seed: seed)
            let output = try await writer.write(count: count)
            return PatchGenerationResult(
                clusterID: cluster.clusterID, promptID: promptID, mode: .llm, seed: seed, modes: inferred.modes,
                candidates: output.candidates, rejected: output.rejected, model: output.model,
                simulated: output.simulated)
        }
    }
}
