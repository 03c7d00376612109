/// One group of similar failures, with what it is about, how much it costs, and evidence.
package struct FailureCluster: Sendable, Hashable, Codable {
    /// `cluster_1`, `cluster_2`, ...: numbered by size, largest first, ties by earliest first member (input order).
    package var clusterID: String
    /// Number of member failures.
    package var size: Int
    /// `size / failure_count`.
    package var share: Double
    /// Share of the reward lost in this cluster, over all failures clustered:
    /// `severity = Σ_{members} loss / failure_count`, with `loss = 1 − reward` (reward clamped to 0...1) when the
    /// failure has a reward, else 1. It lies in `0...share`; the clusters' severities sum to at most 1.
    package var severity: Double
    /// Mean reward of the members that have one; `nil` when none has.
    package var meanReward: Double?
    /// The heaviest centroid terms, by weight (ties alphabetically).
    package var topTerms: [TermWeight]
    /// A short readable label: the first few top terms joined by `", "`.
    package var label: String
    /// `failure_type` labels seen among the members, most frequent first (ties alphabetically); members without a
    /// label are not counted.
    package var failureTypes: [FailureTypeCount]
    /// The members closest to the centroid, closest first (ties by input order).
    package var representatives: [RepresentativeFailure]
    /// Every member's id, in input order.
    package var memberIDs: [String]

    /// A cluster from its parts.
    package init(
        clusterID: String, size: Int, share: Double, severity: Double, meanReward: Double?, topTerms: [TermWeight],
        label: String, failureTypes: [FailureTypeCount], representatives: [RepresentativeFailure], memberIDs: [String]
    ) {
        self.clusterID = clusterID
        self.size = size
        self.share = share
        self.severity = severity
        self.meanReward = meanReward
        self.topTerms = topTerms
        self.label = label
        self.failureTypes = failureTypes
        self.representatives = representatives
        self.memberIDs = memberIDs
    }

    enum CodingKeys: String, CodingKey {
        case clusterID = "cluster_id"
        case size, share, severity
        case meanReward = "mean_reward"
        case topTerms = "top_terms"
        case label
        case failureTypes = "failure_types"
        case representatives
        case memberIDs = "member_ids"
    }
}
