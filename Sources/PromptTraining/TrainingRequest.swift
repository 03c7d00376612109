import Experiences
import Foundation
import PatchGeneration
import RLTraining

/// A training job as `POST /api/v1/train` takes it: the base prompt and, per targeted cluster, the candidates as
/// the ranker returned them.
package struct TrainingRequest: Sendable, Hashable, Codable {
    /// The prompt version to improve, e.g. `p_v1_3`.
    package var basePromptID: String
    /// The targeted clusters, each with its ranked candidates.
    package var clusters: [ClusterChoices]
    /// Seed for sampling, the data split and the bootstrap. Default 0.
    package var seed: UInt64?
    /// Variants sampled per experience (G). Default 8.
    package var groupSize: Int?
    /// Experiences per step (B). Default 8.
    package var batchSize: Int?
    /// GRPO steps. Default 30.
    package var steps: Int?
    /// Caps on rollouts and tokens for the training part. Default none.
    package var budget: TrainingBudget?
    /// Whether `POST /api/v1/train` waits for the result. Default `false`.
    package var wait: Bool?
    /// Share of the experiences held out for the final comparison. Default 0.3.
    package var heldOutFraction: Double?
    /// Answers each prompt gives to each held-out experience; the gate compares their means. Default
    /// ``TrainerConfiguration/heldOutAnswers``.
    package var heldOutAnswers: Int?
    /// Successes sampled per targeted failure, so a patch that breaks what worked shows up. Default 1.
    package var successRatio: Double?
    /// Lowest acceptable lower end of the gain's 95% interval for a version to be written. Default 0.
    package var minGain: Double?
    /// Logged successes beyond the split that the gate answers for its guardrails alone. Default
    /// ``TrainerConfiguration/guardrailSuccesses``.
    package var guardrailSuccesses: Int?
    /// Whether candidates evolve during training from what still fails (``RLTraining/CandidateEvolution``). Default
    /// `false`: the variants are the request's.
    package var evolve: Bool?
    /// The most candidates evolution may add to the job. Default ``TrainerConfiguration/maxEvolvedCandidates``.
    package var maxEvolvedCandidates: Int?
    /// How evolution writes a candidate: `template` (the rule the failures point to) or `llm` (a reflective request
    /// to the trainer's ``PromptTrainer/reflectionModel`` with the failing answers as evidence). Default `template`.
    package var evolveMode: GenerationMode?
    /// Which variants GRPO's groups sample (``RLTraining/AllocationRule``): `policy` or `successive_halving`.
    /// Default ``TrainerConfiguration/allocation``, or `policy` when the job evolves (evolution adds variants to the
    /// policy as it goes, which successive halving's fixed rounds cannot take in).
    package var allocation: AllocationRule?

    package init(
        basePromptID: String, clusters: [ClusterChoices], seed: UInt64? = nil, groupSize: Int? = nil,
        batchSize: Int? = nil, steps: Int? = nil, budget: TrainingBudget? = nil, wait: Bool? = nil,
        heldOutFraction: Double? = nil, successRatio: Double? = nil, minGain: Double? = nil, evolve: Bool? = nil,
        maxEvolvedCandidates: Int? = nil, evolveMode: GenerationMode? = nil, allocation: AllocationRule? = nil,
        heldOutAnswers: Int? = nil
    ) {
        self.heldOutAnswers = heldOutAnswers
        self.evolveMode = evolveMode
        self.allocation = allocation
        self.basePromptID = basePromptID
        self.clusters = clusters
        self.seed = seed
        self.groupSize = groupSize
        self.batchSize = batchSize
        self.steps = steps
        self.budget = budget
        self.wait = wait
        self.heldOutFraction = heldOutFraction
        self.successRatio = successRatio
        self.minGain = minGain
        self.evolve = evolve
        self.maxEvolvedCandidates = maxEvolvedCandidates
    }

    enum CodingKeys: String, CodingKey {
        case basePromptID = "base_prompt_id"
        case clusters, seed
        case groupSize = "group_size"
        case batchSize = "batch_size"
        case steps, budget, wait
        case heldOutFraction = "held_out_fraction"
        case heldOutAnswers = "held_out_answers"
        case successRatio = "success_ratio"
        case minGain = "min_gain"
        case guardrailSuccesses = "guardrail_successes"
        case evolve
        case maxEvolvedCandidates = "max_evolved_candidates"
        case evolveMode = "evolve_mode"
        case allocation
    }
}

/// One targeted cluster and its candidate patches, best first.
///
/// JSON: `{"cluster", "candidates"}`, or `{"clustering_id", "cluster_id", "candidates"}` naming a stored clustering
/// run's cluster, as the patch generator and the ranker take it. A cluster named that way holds only its id until
/// the service resolves it (``isReference``); the trainer refuses it unresolved (it has no member ids).
package struct ClusterChoices: Sendable, Hashable, Codable {
    package var cluster: ClusterEvidence
    package var candidates: [RankedChoice]
    /// The stored clustering run the cluster is named in, when the request named it by reference.
    package var clusteringID: String?
    /// Whether ``cluster`` is only the id of a cluster of ``clusteringID`` still to be looked up.
    package private(set) var isReference = false

    package init(cluster: ClusterEvidence, candidates: [RankedChoice]) {
        self.cluster = cluster
        self.candidates = candidates
    }

    /// Replaces a cluster named by reference with the stored cluster.
    package mutating func resolve(_ cluster: ClusterEvidence) {
        self.cluster = cluster
        self.isReference = false
    }

    enum CodingKeys: String, CodingKey {
        case cluster, candidates
        case clusteringID = "clustering_id"
        case clusterID = "cluster_id"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.candidates = try container.decode([RankedChoice].self, forKey: .candidates)
        self.clusteringID = try container.decodeIfPresent(String.self, forKey: .clusteringID)
        if let cluster = try container.decodeIfPresent(ClusterEvidence.self, forKey: .cluster) {
            self.cluster = cluster
        } else if self.clusteringID != nil,
            let clusterID = try container.decodeIfPresent(String.self, forKey: .clusterID)
        {
            self.cluster = ClusterEvidence(clusterID: clusterID, size: 0)
            self.isReference = true
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.cluster,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "give 'cluster', or 'clustering_id' and 'cluster_id'"))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.cluster, forKey: .cluster)
        try container.encode(self.candidates, forKey: .candidates)
        try container.encodeIfPresent(self.clusteringID, forKey: .clusteringID)
    }
}

/// A candidate patch with the ranker's total score (the prior's input); other ranker fields are ignored.
package struct RankedChoice: Sendable, Hashable, Codable {
    package var candidate: PatchCandidate
    /// The ranker's total score in 0...1; when absent, the candidate's position stands in.
    package var score: Double?

    package init(candidate: PatchCandidate, score: Double?) {
        self.candidate = candidate
        self.score = score
    }

    enum ScoreKey: String, CodingKey { case score }

    package init(from decoder: any Decoder) throws {
        self.candidate = try PatchCandidate(from: decoder)
        self.score = try decoder.container(keyedBy: ScoreKey.self).decodeIfPresent(Double.self, forKey: .score)
    }

    package func encode(to encoder: any Encoder) throws {
        try self.candidate.encode(to: encoder)
        var container = encoder.container(keyedBy: ScoreKey.self)
        try container.encodeIfPresent(self.score, forKey: .score)
    }
}

/// Caps for one job's training rollouts and model tokens.
package struct TrainingBudget: Sendable, Hashable, Codable {
    package var rollouts: Int?
    package var tokens: Int?

    package init(rollouts: Int? = nil, tokens: Int? = nil) {
        self.rollouts = rollouts
        self.tokens = tokens
    }
}

extension TrainingRequest {
    /// The bytes a job id is derived from: the request without `wait`, which changes how the caller waits, not
    /// what the job computes. Key-sorted, so equal requests give equal ids.
    package func identity() throws -> Data {
        var request = self
        request.wait = nil
        return try JSONEncoder.sorted.encode(request)
    }
}
