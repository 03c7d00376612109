import Experiences

/// How the RL trainer made a version: what it started from, what it chose, what the held-out gate measured, and
/// what answered. Written into the version file's `metadata` beside the seed's `created_at`, `reward_gain` and
/// `cluster_id` (``VersionMetadata``), one key per field, snake_case.
///
/// Figures are stored as the trainer rounded them (six decimals), so a decoded file renders to the same bytes.
/// `failed_generations`, `guardrails`, `served_models`, `simulated` and `answers_per_experience` were added after the
/// first trained versions were written; files without them still decode (as `nil`).
package struct Provenance: Sendable, Hashable, Codable {
    /// The version the trainer started from.
    package var parentID: String
    /// The chosen patch per cluster id (`nil`: the cluster kept the base prompt).
    package var patchIDs: [String: String?]
    /// Mean held-out reward of the parent and of the new version.
    package var baselineReward: Double
    package var reward: Double
    /// The paired bootstrap 95% interval of the held-out gain.
    package var rewardGainInterval: Interval
    /// Held-out hallucination rate before and after.
    package var hallucinationRate: RateChange
    /// Held-out experiences compared.
    package var heldOut: Int
    /// How many times each prompt answered each held-out experience (the gate compares per-experience means);
    /// `nil` (the key absent) in versions written before it was recorded, all of which answered once.
    package var answersPerExperience: Int?
    /// Generations that failed, in training and on the held-out part.
    package var failedGenerations: Int?
    /// Every guardrail of the gate by name (`refusal`, ..., `mean_words`).
    package var guardrails: [String: Guardrail]?
    /// The paired experiences the guardrails were checked on: the held-out ones and the extra logged successes the
    /// gate answered for them; `nil` (the key absent) in versions written before, whose guardrails saw `held_out`.
    package var guardrailExperiences: Int?
    /// Rollouts and tokens of the whole job (training and gate).
    package var rollouts: Int
    package var tokens: Int
    /// The job's seed: an integer in the file, or a string above `Int.max`.
    package var seed: UInt64
    /// The model the trainer was configured with, and the names its responses gave.
    package var model: String
    package var servedModels: [String]?
    /// Whether any response came from the simulator.
    package var simulated: Bool?
    /// The reward model's name and version, e.g. `kaizen-verifier/2`.
    package var verifier: String
    package var jobID: String
    /// Why training stopped (`completed`, `rollout_budget`, ...).
    package var stopReason: String
    /// Which variants training sampled (`policy`, `successive_halving`); `nil` (the key absent) in versions written
    /// before it was recorded, all of which sampled from the policy.
    package var allocation: String?
    /// What candidate evolution did; `nil` when the job did not evolve candidates (the key is then absent).
    package var evolution: Evolution?

    package init(
        parentID: String, patchIDs: [String: String?], baselineReward: Double, reward: Double,
        rewardGainInterval: Interval, hallucinationRate: RateChange, heldOut: Int, failedGenerations: Int?,
        guardrails: [String: Guardrail]?, rollouts: Int, tokens: Int, seed: UInt64, model: String,
        servedModels: [String]?, simulated: Bool?, verifier: String, jobID: String, stopReason: String,
        evolution: Evolution? = nil, guardrailExperiences: Int? = nil, allocation: String? = nil,
        answersPerExperience: Int? = nil
    ) {
        self.answersPerExperience = answersPerExperience
        self.allocation = allocation
        self.guardrailExperiences = guardrailExperiences
        self.parentID = parentID
        self.patchIDs = patchIDs
        self.baselineReward = baselineReward
        self.reward = reward
        self.rewardGainInterval = rewardGainInterval
        self.hallucinationRate = hallucinationRate
        self.heldOut = heldOut
        self.failedGenerations = failedGenerations
        self.guardrails = guardrails
        self.rollouts = rollouts
        self.tokens = tokens
        self.seed = seed
        self.model = model
        self.servedModels = servedModels
        self.simulated = simulated
        self.verifier = verifier
        self.jobID = jobID
        self.stopReason = stopReason
        self.evolution = evolution
    }

    /// The file's key for each field; the JSON rendering below uses the same names.
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case parentID = "parent_id"
        case patchIDs = "patch_ids"
        case baselineReward = "baseline_reward"
        case reward
        case rewardGainInterval = "reward_gain_ci95"
        case hallucinationRate = "hallucination_rate"
        case heldOut = "held_out"
        case answersPerExperience = "answers_per_experience"
        case failedGenerations = "failed_generations"
        case guardrails
        case guardrailExperiences = "guardrail_experiences"
        case rollouts, tokens, seed, model
        case servedModels = "served_models"
        case simulated, verifier
        case jobID = "job_id"
        case stopReason = "stop_reason"
        case allocation
        case evolution
    }

    /// Decodes every key and goes through the memberwise initialiser, so a field added there cannot be missed here.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let seed: UInt64
        if let number = try? container.decode(UInt64.self, forKey: .seed) {
            seed = number
        } else {
            let text = try container.decode(String.self, forKey: .seed)
            guard let number = UInt64(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .seed, in: container, debugDescription: "seed '\(text)' is not a whole number")
            }
            seed = number
        }
        self.init(
            parentID: try container.decode(String.self, forKey: .parentID),
            patchIDs: try container.decode([String: String?].self, forKey: .patchIDs),
            baselineReward: try container.decode(Double.self, forKey: .baselineReward),
            reward: try container.decode(Double.self, forKey: .reward),
            rewardGainInterval: try container.decode(Interval.self, forKey: .rewardGainInterval),
            hallucinationRate: try container.decode(RateChange.self, forKey: .hallucinationRate),
            heldOut: try container.decode(Int.self, forKey: .heldOut),
            failedGenerations: try container.decodeIfPresent(Int.self, forKey: .failedGenerations),
            guardrails: try container.decodeIfPresent([String: Guardrail].self, forKey: .guardrails),
            rollouts: try container.decode(Int.self, forKey: .rollouts),
            tokens: try container.decode(Int.self, forKey: .tokens),
            seed: seed,
            model: try container.decode(String.self, forKey: .model),
            servedModels: try container.decodeIfPresent([String].self, forKey: .servedModels),
            simulated: try container.decodeIfPresent(Bool.self, forKey: .simulated),
            verifier: try container.decode(String.self, forKey: .verifier),
            jobID: try container.decode(String.self, forKey: .jobID),
            stopReason: try container.decode(String.self, forKey: .stopReason),
            evolution: try container.decodeIfPresent(Evolution.self, forKey: .evolution),
            guardrailExperiences: try container.decodeIfPresent(Int.self, forKey: .guardrailExperiences),
            allocation: try container.decodeIfPresent(String.self, forKey: .allocation),
            answersPerExperience: try container.decodeIfPresent(Int.self, forKey: .answersPerExperience))
    }

    package func encode(to encoder: any Encoder) throws {
        try JSONValue.object(self.fields).encode(to: encoder)
    }

    /// The fields as the version file writes them: figures as numbers (`0.0`, not `0`), counts as integers.
    package var fields: [String: JSONValue] {
        var fields: [CodingKeys: JSONValue] = [
            .parentID: .string(self.parentID),
            .patchIDs: .object(self.patchIDs.mapValues { $0.map(JSONValue.string) ?? .null }),
            .baselineReward: .number(self.baselineReward),
            .reward: .number(self.reward),
            .rewardGainInterval: self.rewardGainInterval.json,
            .hallucinationRate: self.hallucinationRate.json,
            .heldOut: .integer(self.heldOut),
            .rollouts: .integer(self.rollouts),
            .tokens: .integer(self.tokens),
            .seed: self.seed <= UInt64(Int.max) ? .integer(Int(self.seed)) : .string(String(self.seed)),
            .model: .string(self.model),
            .verifier: .string(self.verifier),
            .jobID: .string(self.jobID),
            .stopReason: .string(self.stopReason),
        ]
        fields[.failedGenerations] = self.failedGenerations.map(JSONValue.integer)
        fields[.guardrails] = self.guardrails.map { .object($0.mapValues(\.json)) }
        fields[.guardrailExperiences] = self.guardrailExperiences.map(JSONValue.integer)
        fields[.answersPerExperience] = self.answersPerExperience.map(JSONValue.integer)
        fields[.allocation] = self.allocation.map(JSONValue.string)
        fields[.servedModels] = self.servedModels.map { .array($0.map(JSONValue.string)) }
        fields[.simulated] = self.simulated.map(JSONValue.bool)
        fields[.evolution] = self.evolution?.json
        return Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
    }

    /// `value` to six decimals, as figures are recorded, so registry files stay readable and stable.
    package static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }
}
