/// What the generator returns: the candidates, and everything needed to see why.
///
/// JSON: `{"cluster_id", "prompt_id"?, "mode", "seed", "modes": [...], "candidates": [...], "rejected": [...],
/// "skipped": [...], "model"?, "simulated"?}`; `candidates` is the contract with the ranker, the rest is evidence.
package struct PatchGenerationResult: Sendable, Hashable, Codable {
    /// The cluster patched.
    package var clusterID: String
    /// The prompt version patched, when the request named it.
    package var promptID: String?
    /// How the candidates were produced.
    package var mode: GenerationMode
    /// The seed used.
    package var seed: UInt64
    /// The inferred failure categories, highest score first.
    package var modes: [InferredMode]
    /// The candidates, most relevant first (template) or in the model's order (LLM).
    package var candidates: [PatchCandidate]
    /// Drafts that were not offered, and why.
    package var rejected: [RejectedPatch]
    /// Template strategies that did not apply, and why.
    package var skipped: [SkippedStrategy]
    /// The model asked (LLM mode).
    package var model: String?
    /// Whether the model was the simulator (LLM mode).
    package var simulated: Bool?

    /// Creates a result.
    package init(
        clusterID: String,
        promptID: String? = nil,
        mode: GenerationMode,
        seed: UInt64,
        modes: [InferredMode],
        candidates: [PatchCandidate],
        rejected: [RejectedPatch] = [],
        skipped: [SkippedStrategy] = [],
        model: String? = nil,
        simulated: Bool? = nil
    ) {
        self.clusterID = clusterID
        self.promptID = promptID
        self.mode = mode
        self.seed = seed
        self.modes = modes
        self.candidates = candidates
        self.rejected = rejected
        self.skipped = skipped
        self.model = model
        self.simulated = simulated
    }

    enum CodingKeys: String, CodingKey {
        case clusterID = "cluster_id"
        case promptID = "prompt_id"
        case mode, seed, modes, candidates, rejected, skipped, model, simulated
    }
}
