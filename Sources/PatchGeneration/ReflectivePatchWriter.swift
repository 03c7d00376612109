import LanguageModels
import Verification

/// LLM mode's evolution step (GEPA's reflection): a new candidate for a cluster from what its best variant still
/// gets wrong during training. The model is shown the variant's whole prompt and the variant's own failing answers
/// with the verifier's findings on them, fenced as untrusted data exactly as ``LLMPatchWriter`` fences logged
/// failures, and asked for one patch; the patch is appended to the parent's patch for the cluster and the result
/// passes the same ``PatchAdmission`` as every candidate, against the base prompt and the cluster's logged failures.
package struct ReflectivePatchWriter: Sendable {
    let base: String
    let cluster: ClusterEvidence
    let configuration: PatchGeneratorConfiguration
    let model: any LanguageModel
    let inference: ModeInference
    let admission: PatchAdmission

    /// What a reflection gave: the admitted candidate, if any, and every patch refused on the way with its reason.
    package struct Reflection: Sendable {
        package var candidate: PatchCandidate?
        package var rejected: [RejectedPatch]
    }

    /// - Parameters:
    ///   - prompt: the base prompt candidates are written against.
    ///   - cluster: the cluster the candidates are for, with its logged representatives (a patch may not copy them).
    ///   - model: the model asked to reflect.
    package init(
        prompt: String, cluster: ClusterEvidence, model: any LanguageModel,
        configuration: PatchGeneratorConfiguration = PatchGeneratorConfiguration()
    ) throws {
        self.base = prompt
        self.cluster = cluster
        self.configuration = configuration
        self.model = model
        self.inference = ModeInference(verifier: try Verifier(configuration: configuration.verifier))
        self.admission = PatchAdmission(
            prompt: prompt, representatives: cluster.representatives, configuration: configuration)
    }

    /// Asks the model for one patch that would prevent `failures` under `parentPrompt`.
    ///
    /// - Parameters:
    ///   - patchID: the new candidate's id.
    ///   - parent: the cluster's patch in the parent variant; `nil` for "no patch".
    ///   - parentPrompt: the parent variant's whole prompt (every cluster's patch applied).
    ///   - failures: the parent's failing answers on the cluster's experiences (`response` is the parent's answer).
    ///   - evidence: the sentence that says where the failures were seen, for the explanation.
    ///   - seed: the reflection request's seed.
    /// - Throws: only `CancellationError`; a model that fails or answers nothing usable gives no candidate, with the
    ///   reasons in ``Reflection/rejected``.
    package func propose(
        patchID: String, parent: PatchCandidate?, parentPrompt: String, failures: [ClusterRepresentative],
        evidence: String, seed: UInt64
    ) async throws -> Reflection {
        var shown = self.cluster
        shown.representatives = failures
        let writer = LLMPatchWriter(
            prompt: parentPrompt, cluster: shown, inference: self.inference.infer(shown),
            configuration: self.configuration, model: self.model, seed: seed)
        let written: (candidates: [PatchCandidate], rejected: [RejectedPatch], model: String, simulated: Bool)
        do {
            written = try await writer.write(count: 1)
        } catch let error as PatchGenerationError {
            return Reflection(candidate: nil, rejected: [RejectedPatch(strategy: "llm", reason: "\(error)")])
        }
        guard let reflected = written.candidates.first else {
            return Reflection(candidate: nil, rejected: written.rejected)
        }
        let text = parent.map { $0.patchText + " " + reflected.patchText } ?? reflected.patchText
        let operation = parent?.operation ?? .append
        let targets = Array(Set((parent?.targetCategories ?? []) + reflected.targetCategories)).sorted()
        switch self.admission.admit(text, operation: operation, anchor: parent?.anchor, targets: targets) {
        case .failure(let refusal):
            return Reflection(
                candidate: nil,
                rejected: written.rejected + [
                    RejectedPatch(strategy: reflected.strategy, patchText: text, reason: refusal.reason)
                ])
        case .success(let promptText):
            let explanation =
                "Evolved during training from \(parent?.patchID ?? "no patch") by reflection (\(written.model)): "
                + "\(evidence). It adds: \"\(reflected.patchText)\". \(reflected.explanation)"
            let candidate = PatchCandidate(
                patchID: patchID, strategy: "evolved_\(reflected.strategy)", operation: operation,
                anchor: parent?.anchor, patchText: text, promptText: promptText, targets: targets.map(\.rawValue),
                explanation: explanation, source: "llm")
            return Reflection(candidate: candidate, rejected: written.rejected)
        }
    }
}
