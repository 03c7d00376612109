import FailureClustering
import PatchGeneration
import RLTraining

/// How one pipeline run chooses what to fix and how hard it trains.
package struct PipelineConfiguration: Sendable, Hashable {
    /// Seed for every stage. Default 0.
    package var seed: UInt64 = 0
    /// Number of clusters; chosen by silhouette over `clusterCountRange` when `nil`. Default `nil`.
    package var clusterCount: Int?
    /// Range searched for k. Default 2...6.
    package var clusterCountRange: ClosedRange<Int> = 2...6
    /// Clusters below this severity are not worth a patch. Default 0.05.
    package var severityThreshold: Double = 0.05
    /// At most this many clusters are patched in one run (the most severe). Default 3.
    package var maxClusters: Int = 3
    /// Candidates per cluster (3-5). Default 4.
    package var patchCount: Int = 4
    /// Fewest failures worth clustering. Default 4.
    package var minimumFailures: Int = 4
    /// Training overrides (the trainer's defaults when `nil`).
    package var steps: Int?
    package var groupSize: Int?
    package var batchSize: Int?
    package var rolloutBudget: Int?
    package var tokenBudget: Int?
    /// The lowest acceptable lower end of the held-out gain's interval (the trainer's `min_gain`).
    package var minGain: Double?
    /// The share of experiences held out for the gate (the trainer's `held_out_fraction`).
    package var heldOutFraction: Double?
    /// Answers each prompt gives to each held-out experience (the trainer's `held_out_answers`).
    package var heldOutAnswers: Int?
    /// Whether candidates evolve during training (the trainer's `evolve`), and their bound (its
    /// `max_evolved_candidates`; the trainer's default when `nil`). Default off.
    package var evolve: Bool = false
    package var maxEvolvedCandidates: Int?
    /// How candidates evolve (the trainer's `evolve_mode`; its default, template, when `nil`).
    package var evolveMode: GenerationMode?
    /// Which variants training samples (the trainer's `allocation`; its default when `nil`).
    package var allocation: AllocationRule?
    /// Whether the ranker also measures each patch on the representatives. Default `false`.
    package var measure: Bool = false
    /// What clusters follow: what went wrong (the verifier's diagnosis, then the topic) or the text alone. Default
    /// `failureMode`.
    package var clusterEncoding: ClusterEncoding = .failureMode
    /// Which text clustering encodes. Default `response`.
    package var clusterText: ClusterText = .response

    package init() {}
}
