import LanguageModels
import PatchGeneration
import Prompts
import RLTraining
import Synchronization

/// The trainer's side of candidate evolution (``RLTraining/CandidateEvolution``): turns the trainer's failure
/// evidence into admitted candidates, by template (``PatchGeneration/EvolvedPatchWriter``) or by reflection
/// (``PatchGeneration/ReflectivePatchWriter``, when the job evolves in LLM mode), keeps the variants' prompts as they
/// grow (the reward calls read them concurrently), and records every candidate and refusal for the provenance.
final class CandidateEvolver: Sendable {
    private struct State {
        var prompts: VariantPrompts
        var candidates: [Provenance.EvolvedCandidate] = []
        var refused: [Provenance.RefusedCandidate] = []
        var reflections = 0
    }

    private let state: Mutex<State>
    private let clusterIDs: [String]
    private let writers: [EvolvedPatchWriter]
    private let reflectors: [ReflectivePatchWriter]?
    /// The most reflections a job asks for; each is a model call (a few when its answers are refused).
    private let reflectionLimit: Int

    /// - Parameters:
    ///   - reflection: the model asked to reflect, or `nil` for template evolution.
    ///   - maxCandidates: the most candidates the job may add; it may ask for twice as many reflections, since some
    ///     are refused or repeat a candidate it has.
    init(
        prompts: VariantPrompts, clusters: [ClusterChoices], base: String, reflection: (any LanguageModel)?,
        maxCandidates: Int
    ) throws {
        self.reflectionLimit = 2 * maxCandidates
        self.state = Mutex(State(prompts: prompts))
        self.clusterIDs = clusters.map(\.cluster.clusterID)
        self.writers = clusters.map {
            EvolvedPatchWriter(prompt: base, representatives: $0.cluster.representatives)
        }
        self.reflectors = try reflection.map { model in
            try clusters.map { try ReflectivePatchWriter(prompt: base, cluster: $0.cluster, model: model) }
        }
    }

    /// Whether candidates come from reflection, which quotes the parent's failing answers.
    var reflects: Bool { self.reflectors != nil }

    /// The variants' prompts, evolved candidates included.
    var prompts: VariantPrompts { self.state.withLock { $0.prompts } }

    func prompt(for variant: Variant) -> String {
        self.state.withLock { $0.prompts.prompt(for: variant) }
    }

    /// Makes a candidate for `evidence.cluster` from its parent's failures (`failures`: the parent's failing answers,
    /// which reflection quotes); `true` when one was admitted (it is then the cluster's last candidate, as the
    /// trainer adds its choice).
    func propose(_ evidence: EvolutionEvidence, failures: [ClusterRepresentative]) async throws -> Bool {
        let cluster = evidence.cluster
        let clusterID = self.clusterIDs[cluster]
        let (parent, parentPrompt, patchIDs, number) = self.state.withLock { state in
            let choice = evidence.parent[cluster]
            return (
                choice == Variant.noPatch ? nil : state.prompts.clusters[cluster][choice - 1],
                state.prompts.prompt(for: evidence.parent),
                state.prompts.patchIDs(for: evidence.parent, clusterIDs: self.clusterIDs),
                state.candidates.count + state.refused.count
            )
        }
        let findings = evidence.findings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let sentence =
            "the Pareto pool's best variant on \(clusterID) (\(Self.describe(patchIDs, self.clusterIDs))) still "
            + "failed on \(evidence.failingRollouts) of its \(evidence.rollouts) training rollouts there "
            + "(\(findings)) after step \(evidence.step)"
        let patchID = "\(clusterID)-evolved-\(number + 1)"
        // Either mode's answer, as the record keeps it: a candidate and the strategy it names, or a refusal.
        let written: Result<(candidate: PatchCandidate, strategy: String), Refusal>
        if let reflectors = self.reflectors {
            let allowed = self.state.withLock { state in
                state.reflections += 1
                return state.reflections <= self.reflectionLimit
            }
            guard allowed, !failures.isEmpty else { return false }
            let reflection = try await reflectors[cluster].propose(
                patchID: patchID, parent: parent, parentPrompt: parentPrompt, failures: failures, evidence: sentence,
                seed: PromptTrainer.experienceSeed(UInt64(evidence.step), "\(clusterID) reflection", draw: number))
            written =
                reflection.candidate.map { .success(($0, $0.strategy)) }
                ?? .failure(
                    Refusal(
                        reason: reflection.rejected.last?.reason ?? "the model proposed no patch", strategy: "llm"))
        } else {
            switch self.writers[cluster].propose(
                patchID: patchID, number: number, parent: parent, parentPrompt: parentPrompt,
                findings: evidence.findings, evidence: sentence)
            {
            case nil: return false
            case .refused(let reason, let strategy):
                written = .failure(Refusal(reason: reason, strategy: strategy.rawValue))
            case .admitted(let candidate, let strategy):
                written = .success((candidate, strategy.rawValue))
            }
        }
        return self.state.withLock { state in
            switch written {
            case .failure(let refusal):
                state.refused.append(
                    Provenance.RefusedCandidate(
                        clusterID: clusterID, strategy: refusal.strategy, step: evidence.step, reason: refusal.reason))
                return false
            case .success(let made):
                if state.prompts.clusters[cluster].contains(where: { $0.patchText == made.candidate.patchText }) {
                    return false
                }
                state.prompts.clusters[cluster].append(made.candidate)
                let own = parent?.patchID ?? "no_patch"
                let others = self.clusterIDs.indices.filter { $0 != cluster }.compactMap {
                    patchIDs[self.clusterIDs[$0]] ?? nil
                }
                state.candidates.append(
                    Provenance.EvolvedCandidate(
                        patchID: made.candidate.patchID, clusterID: clusterID, parents: [own] + others,
                        strategy: made.strategy, step: evidence.step, rollouts: evidence.rollouts,
                        failingRollouts: evidence.failingRollouts, evidence: evidence.findings))
                return true
            }
        }
    }

    /// Why a proposal gave no candidate, and the strategy it tried.
    private struct Refusal: Error {
        var reason: String
        var strategy: String
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
