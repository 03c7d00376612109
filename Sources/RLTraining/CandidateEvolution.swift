/// Growing the variant space during a run from what still fails (GEPA's reflective evolution, in the trainer's
/// terms): after each step, the best member of the Pareto pool on a cluster's experiences (``ParetoPool``) that still
/// fails there is the parent, and ``propose`` may add a new candidate to that cluster from the failures' findings.
///
/// Only ``AllocationRule/policy`` runs evolve: successive halving fixes its rounds from the variants it starts with.
/// A new candidate becomes its cluster's last choice, starting with its parent's logit (see
/// ``GRPOTrainer/addChoice(cluster:copying:)``), and is sampled from the same rollout budget as every other choice.
package struct CandidateEvolution: Sendable {
    /// The most candidates a run may add, over all clusters.
    package var maxCandidates: Int
    /// The fewest rollouts of a parent on one cluster's experiences for a mean there, and the fewest times a finding
    /// must be seen on its failures there before a candidate is proposed from it (fewer would evolve from the luck
    /// of one answer).
    package var minimumEvidence: Int
    /// The cluster (its position in the policy) whose failure training experience `index` is, or `nil` for an
    /// experience of no cluster (a sampled success): such experiences count for the Pareto pool, never as evidence.
    package var cluster: @Sendable (Int) -> Int?
    /// Proposes a candidate for `evidence.cluster`: `true` when one was made (the trainer then adds it as that
    /// cluster's last choice), `false` when none could be (nothing fits the findings, or admission refused it).
    package var propose: @Sendable (EvolutionEvidence) async throws -> Bool

    /// Creates an evolution hook.
    package init(
        maxCandidates: Int, minimumEvidence: Int = 3, cluster: @escaping @Sendable (Int) -> Int?,
        propose: @escaping @Sendable (EvolutionEvidence) async throws -> Bool
    ) {
        precondition(maxCandidates >= 0 && minimumEvidence >= 1, "evolution needs a bound and some evidence")
        self.maxCandidates = maxCandidates
        self.minimumEvidence = minimumEvidence
        self.cluster = cluster
        self.propose = propose
    }
}

/// What a candidate is evolved from: the parent variant and how it failed on one cluster's training experiences.
package struct EvolutionEvidence: Sendable, Hashable {
    /// The step after which the proposal is made (from 1).
    package var step: Int
    /// The cluster the new candidate is for (its position in the policy).
    package var cluster: Int
    /// The variant the candidate is evolved from: the best pool member on this cluster's experiences that still fails
    /// there.
    package var parent: Variant
    /// The parent's rollouts on the cluster's experiences so far, and how many of them failed.
    package var rollouts: Int
    package var failingRollouts: Int
    /// The reward model's findings on those failing rollouts that were seen at least
    /// ``CandidateEvolution/minimumEvidence`` times, with their counts.
    package var findings: [String: Int]
    /// The Pareto pool when the proposal is made.
    package var pool: [Variant]
    /// The experience indices (as the reward function is given them) of the parent's first failing rollouts on the
    /// cluster's experiences, at most four: the examples a reflective proposal may quote.
    package var failingExperiences: [Int]

    package init(
        step: Int, cluster: Int, parent: Variant, rollouts: Int, failingRollouts: Int, findings: [String: Int],
        pool: [Variant], failingExperiences: [Int] = []
    ) {
        self.failingExperiences = failingExperiences
        self.step = step
        self.cluster = cluster
        self.parent = parent
        self.rollouts = rollouts
        self.failingRollouts = failingRollouts
        self.findings = findings
        self.pool = pool
    }
}
