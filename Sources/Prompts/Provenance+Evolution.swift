import Experiences

extension Provenance {
    /// What candidate evolution did in the job (only when it was asked for): every candidate it made, with its
    /// parents and the failures it came from, the ones admission refused, and the Pareto pool at the end.
    package struct Evolution: Sendable, Hashable, Codable {
        package var candidates: [EvolvedCandidate]
        package var refused: [RefusedCandidate]
        /// The variants best on some cluster's experiences at the end, each as its patch id per cluster id.
        package var paretoPool: [[String: String?]]

        package init(candidates: [EvolvedCandidate], refused: [RefusedCandidate], paretoPool: [[String: String?]]) {
            self.candidates = candidates
            self.refused = refused
            self.paretoPool = paretoPool
        }

        enum CodingKeys: String, CodingKey {
            case candidates, refused
            case paretoPool = "pareto_pool"
        }

        var json: JSONValue {
            .object([
                "candidates": .array(self.candidates.map(\.json)),
                "refused": .array(self.refused.map(\.json)),
                "pareto_pool": .array(
                    self.paretoPool.map { .object($0.mapValues { $0.map(JSONValue.string) ?? .null }) }),
            ])
        }
    }

    /// A candidate made during training.
    package struct EvolvedCandidate: Sendable, Hashable, Codable {
        package var patchID: String
        package var clusterID: String
        /// The patch ids of the variant it was evolved from, its own cluster's first (`no_patch` when that cluster
        /// was unpatched).
        package var parents: [String]
        /// The rule strategy it added.
        package var strategy: String
        /// The step after which it was made.
        package var step: Int
        /// The parent's training rollouts on the cluster's experiences, how many failed, and the findings on those.
        package var rollouts: Int
        package var failingRollouts: Int
        package var evidence: [String: Int]

        package init(
            patchID: String, clusterID: String, parents: [String], strategy: String, step: Int, rollouts: Int,
            failingRollouts: Int, evidence: [String: Int]
        ) {
            self.patchID = patchID
            self.clusterID = clusterID
            self.parents = parents
            self.strategy = strategy
            self.step = step
            self.rollouts = rollouts
            self.failingRollouts = failingRollouts
            self.evidence = evidence
        }

        enum CodingKeys: String, CodingKey {
            case patchID = "patch_id"
            case clusterID = "cluster_id"
            case parents, strategy, step, rollouts
            case failingRollouts = "failing_rollouts"
            case evidence
        }

        var json: JSONValue {
            .object([
                "patch_id": .string(self.patchID), "cluster_id": .string(self.clusterID),
                "parents": .array(self.parents.map(JSONValue.string)), "strategy": .string(self.strategy),
                "step": .integer(self.step), "rollouts": .integer(self.rollouts),
                "failing_rollouts": .integer(self.failingRollouts),
                "evidence": .object(self.evidence.mapValues(JSONValue.integer)),
            ])
        }
    }

    /// A candidate evolution made that admission refused (it never reached a prompt).
    package struct RefusedCandidate: Sendable, Hashable, Codable {
        package var clusterID: String
        package var strategy: String
        package var step: Int
        package var reason: String

        package init(clusterID: String, strategy: String, step: Int, reason: String) {
            self.clusterID = clusterID
            self.strategy = strategy
            self.step = step
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case clusterID = "cluster_id"
            case strategy, step, reason
        }

        var json: JSONValue {
            .object([
                "cluster_id": .string(self.clusterID), "strategy": .string(self.strategy), "step": .integer(self.step),
                "reason": .string(self.reason),
            ])
        }
    }
}
