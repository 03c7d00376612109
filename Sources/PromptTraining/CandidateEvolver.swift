import PatchGeneration
import Prompts
import RLTraining
import Synchronization

/// Template mode's side of candidate evolution (``RLTraining/CandidateEvolution``): turns the trainer's failure
/// evidence into admitted candidates (``PatchGeneration/EvolvedPatchWriter``), keeps the variants' prompts as they
/// grow (the reward calls read them concurrently), and records every candidate and refusal for the provenance.
final class CandidateEvolver: Sendable {
    private struct State {
        var prompts: VariantPrompts
        var candidates: [Provenance.EvolvedCandidate] = []
        var refused: [Provenance.RefusedCandidate] = []
    }

    private let state: Mutex<State>
    private let clusterIDs: [String]
    private let writers: [EvolvedPatchWriter]

    init(prompts: VariantPrompts, clusters: [ClusterChoices], base: String) {
        self.state = Mutex(State(prompts: prompts))
        self.clusterIDs = clusters.map(\.cluster.clusterID)
        self.writers = clusters.map {
            EvolvedPatchWriter(prompt: base, representatives: $0.cluster.representatives)
        }
    }

    /// The variants' prompts, evolved candidates included.
    var prompts: VariantPrompts { self.state.withLock { $0.prompts } }

    func prompt(for variant: Variant) -> String {
        self.state.withLock { $0.prompts.prompt(for: variant) }
    }

    /// Makes a candidate for `evidence.cluster` from its parent's failures; `true` when one was admitted (it is
    /// then the cluster's last candidate, as the trainer adds its choice).
    func propose(_ evidence: EvolutionEvidence) -> Bool {
        self.state.withLock { state in
            let cluster = evidence.cluster
            let clusterID = self.clusterIDs[cluster]
            let parentChoice = evidence.parent[cluster]
            let parent = parentChoice == Variant.noPatch ? nil : state.prompts.clusters[cluster][parentChoice - 1]
            let patchIDs = state.prompts.patchIDs(for: evidence.parent, clusterIDs: self.clusterIDs)
            let findings = evidence.findings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let sentence =
                "the Pareto pool's best variant on \(clusterID) (\(Self.describe(patchIDs, self.clusterIDs))) still "
                + "failed on \(evidence.failingRollouts) of its \(evidence.rollouts) training rollouts there "
                + "(\(findings)) after step \(evidence.step)"
            let number = state.candidates.count + state.refused.count
            guard
                let proposal = self.writers[cluster].propose(
                    patchID: "\(clusterID)-evolved-\(number + 1)", number: number, parent: parent,
                    parentPrompt: state.prompts.prompt(for: evidence.parent), findings: evidence.findings,
                    evidence: sentence)
            else { return false }
            switch proposal {
            case .refused(let reason, let strategy):
                state.refused.append(
                    Provenance.RefusedCandidate(
                        clusterID: clusterID, strategy: strategy.rawValue, step: evidence.step, reason: reason))
                return false
            case .admitted(let candidate, let strategy):
                if state.prompts.clusters[cluster].contains(where: { $0.patchText == candidate.patchText }) {
                    return false
                }
                state.prompts.clusters[cluster].append(candidate)
                let own = parent?.patchID ?? "no_patch"
                let others = self.clusterIDs.indices.filter { $0 != cluster }.compactMap {
                    patchIDs[self.clusterIDs[$0]] ?? nil
                }
                state.candidates.append(
                    Provenance.EvolvedCandidate(
                        patchID: candidate.patchID, clusterID: clusterID, parents: [own] + others,
                        strategy: strategy.rawValue, step: evidence.step, rollouts: evidence.rollouts,
                        failingRollouts: evidence.failingRollouts, evidence: evidence.findings))
                return true
            }
        }
    }

    /// What evolution did, with `pool` (the trainer's Pareto pool) as patch ids per cluster.
    func provenance(pool: [Variant]) -> Provenance.Evolution {
        self.state.withLock { state in
            Provenance.Evolution(
                candidates: state.candidates, refused: state.refused,
                paretoPool: pool.map { state.prompts.patchIDs(for: $0, clusterIDs: self.clusterIDs) })
        }
    }

    /// `cluster_1: cluster_1-grounding_rule, cluster_2: no patch`.
    private static func describe(_ patchIDs: [String: String?], _ clusterIDs: [String]) -> String {
        clusterIDs.map { "\($0): \((patchIDs[$0] ?? nil) ?? "no patch")" }.joined(separator: ", ")
    }
}
