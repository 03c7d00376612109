import Foundation

/// One proposed change to a prompt, with the evidence for it.
///
/// JSON: `{"patch_id", "strategy", "operation", "anchor"?, "patch_text", "prompt_text", "targets", "explanation",
/// "source"}`. Unknown keys are ignored on decoding, so the ranker's output (candidate fields plus `score`, `rank`
/// and `criteria`) decodes back into candidates for the trainer.
package struct PatchCandidate: Sendable, Hashable, Codable {
    /// A deterministic id: `<cluster_id>-<strategy>` for template patches, `<cluster_id>-llm-<hash>` for LLM ones.
    package var patchID: String
    /// The strategy, e.g. `grounding_rule` (see `Docs/patches.md`).
    package var strategy: String
    /// How the patch is applied.
    package var operation: PatchOperation
    /// The line the patch goes after (`insert_after`) or the clause it replaces (`replace`); `nil` for `append`.
    package var anchor: String?
    /// The text added (or the clause's replacement).
    package var patchText: String
    /// The full patched prompt.
    package var promptText: String
    /// The failure categories the patch targets (``FailureCategory`` raw values).
    package var targets: [String]
    /// Why this patch, citing the cluster's evidence (size, top terms, representative ids) and its trade-off.
    package var explanation: String
    /// `template` or `llm` (the model's name is in the generation result). Default `template`.
    package var source: String

    /// Creates a candidate.
    package init(
        patchID: String,
        strategy: String,
        operation: PatchOperation,
        anchor: String? = nil,
        patchText: String,
        promptText: String,
        targets: [String],
        explanation: String,
        source: String = "template"
    ) {
        self.patchID = patchID
        self.strategy = strategy
        self.operation = operation
        self.anchor = anchor
        self.patchText = patchText
        self.promptText = promptText
        self.targets = targets
        self.explanation = explanation
        self.source = source
    }

    /// The targets that name known categories.
    package var targetCategories: [FailureCategory] {
        self.targets.compactMap { FailureCategory(rawValue: $0) ?? FailureCategory(label: $0) }
    }

    /// Applies this patch to `prompt` (which may already carry other clusters' patches).
    ///
    /// - Returns: the patched prompt, or `nil` when the anchor is not in `prompt`.
    package func apply(to prompt: String) -> String? {
        self.operation.apply(self.patchText, anchor: self.anchor, to: prompt)
    }

    enum CodingKeys: String, CodingKey {
        case patchID = "patch_id"
        case strategy, operation, anchor
        case patchText = "patch_text"
        case promptText = "prompt_text"
        case targets, explanation, source
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.patchID = try container.decode(String.self, forKey: .patchID)
        self.strategy = try container.decodeIfPresent(String.self, forKey: .strategy) ?? "unknown"
        self.operation = try container.decodeIfPresent(PatchOperation.self, forKey: .operation) ?? .append
        self.anchor = try container.decodeIfPresent(String.self, forKey: .anchor)
        self.patchText = try container.decode(String.self, forKey: .patchText)
        self.promptText = try container.decode(String.self, forKey: .promptText)
        self.targets = try container.decodeIfPresent([String].self, forKey: .targets) ?? []
        self.explanation = try container.decodeIfPresent(String.self, forKey: .explanation) ?? ""
        self.source = try container.decodeIfPresent(String.self, forKey: .source) ?? "template"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.patchID, forKey: .patchID)
        try container.encode(self.strategy, forKey: .strategy)
        try container.encode(self.operation, forKey: .operation)
        try container.encodeIfPresent(self.anchor, forKey: .anchor)
        try container.encode(self.patchText, forKey: .patchText)
        try container.encode(self.promptText, forKey: .promptText)
        try container.encode(self.targets, forKey: .targets)
        try container.encode(self.explanation, forKey: .explanation)
        try container.encode(self.source, forKey: .source)
    }
}
