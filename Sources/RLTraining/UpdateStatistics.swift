/// What one policy update did, measured after its last inner step.
package struct UpdateStatistics: Sendable, Hashable, Codable {
    /// The groups in the batch.
    package var groupCount: Int
    /// The groups skipped because their rewards had zero spread.
    package var zeroSpreadGroupCount: Int
    /// The mean reward over every rollout in the batch (skipped groups included).
    package var meanReward: Double
    /// The clipped surrogate at the updated policy (0 at `π_old` with standardised advantages, so it measures the
    /// step's improvement); 0 when nothing was learnt.
    package var surrogate: Double
    /// `surrogate − β · KL` at the updated policy.
    package var objective: Double
    /// The exact `KL(π_θ ‖ π_ref)` after the update.
    package var klDivergence: Double
    /// Whether the policy changed (false when every group had zero spread).
    package var updated: Bool

    /// The share of groups skipped for zero spread (0 for an empty batch).
    package var zeroSpreadShare: Double {
        self.groupCount == 0 ? 0 : Double(self.zeroSpreadGroupCount) / Double(self.groupCount)
    }

    /// Creates statistics.
    package init(
        groupCount: Int,
        zeroSpreadGroupCount: Int,
        meanReward: Double,
        surrogate: Double,
        objective: Double,
        klDivergence: Double,
        updated: Bool
    ) {
        self.groupCount = groupCount
        self.zeroSpreadGroupCount = zeroSpreadGroupCount
        self.meanReward = meanReward
        self.surrogate = surrogate
        self.objective = objective
        self.klDivergence = klDivergence
        self.updated = updated
    }
}
