/// The body of `POST /api/v1/generate-patches`.
///
/// JSON: `{"prompt_id"?, "prompt_text"?, "cluster"?, "cluster_id"?, "mode"?, "count"?, "seed"?}`. The HTTP layer
/// resolves `prompt_id` (from the registry) into `prompt_text` and `cluster_id` (from stored clusterings) into
/// `cluster` before calling ``PatchGenerator/generate(_:)``, which needs both.
package struct PatchGenerationRequest: Sendable, Hashable, Codable {
    /// The prompt version to patch, by id.
    package var promptID: String?
    /// The prompt's text (wins over `prompt_id` when both are given).
    package var promptText: String?
    /// The cluster, inline.
    package var cluster: ClusterEvidence?
    /// The cluster, by id.
    package var clusterID: String?
    /// `template` (default) or `llm`.
    package var mode: GenerationMode?
    /// How many candidates, 3...5. Default 3.
    package var count: Int?
    /// The seed. Default 0.
    package var seed: UInt64?

    /// Creates a request.
    package init(
        promptID: String? = nil,
        promptText: String? = nil,
        cluster: ClusterEvidence? = nil,
        clusterID: String? = nil,
        mode: GenerationMode? = nil,
        count: Int? = nil,
        seed: UInt64? = nil
    ) {
        self.promptID = promptID
        self.promptText = promptText
        self.cluster = cluster
        self.clusterID = clusterID
        self.mode = mode
        self.count = count
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case promptID = "prompt_id"
        case promptText = "prompt_text"
        case cluster
        case clusterID = "cluster_id"
        case mode, count, seed
    }
}
