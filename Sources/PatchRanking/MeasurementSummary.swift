/// The measured check's setting and baseline: which representatives were replayed, by which model, and how the
/// base prompt did.
///
/// JSON: `{"model", "simulated", "samples", "seed", "representative_ids", "base_reward",
/// "base_hallucination_rate"}`.
package struct MeasurementSummary: Sendable, Hashable, Codable {
    /// The model that answered.
    package var model: String
    /// Whether it was the simulator.
    package var simulated: Bool
    /// Outputs per representative and prompt.
    package var samples: Int
    /// The seed (shared by base and patched prompts).
    package var seed: UInt64
    /// The representatives replayed.
    package var representativeIDs: [String]
    /// Mean verifier reward under the base prompt.
    package var baseReward: Double
    /// Share of base-prompt outputs flagged as hallucinations.
    package var baseHallucinationRate: Double

    /// Creates a summary.
    package init(
        model: String, simulated: Bool, samples: Int, seed: UInt64, representativeIDs: [String], baseReward: Double,
        baseHallucinationRate: Double
    ) {
        self.model = model
        self.simulated = simulated
        self.samples = samples
        self.seed = seed
        self.representativeIDs = representativeIDs
        self.baseReward = baseReward
        self.baseHallucinationRate = baseHallucinationRate
    }

    enum CodingKeys: String, CodingKey {
        case model, simulated, samples, seed
        case representativeIDs = "representative_ids"
        case baseReward = "base_reward"
        case baseHallucinationRate = "base_hallucination_rate"
    }
}
