/// One point of the training curve, reported after each step.
package struct TrainingCurvePoint: Sendable, Hashable, Codable {
    /// The step's number, from 1.
    package var step: Int
    /// The groups (experiences) in the step's batch.
    package var groups: Int
    /// The mean reward over the step's rollouts (sampled from the policy before the update).
    package var meanReward: Double
    /// The exact `KL(π_θ ‖ π_ref)` after the update.
    package var klDivergence: Double
    /// The clipped surrogate after the update (see `UpdateStatistics.surrogate`).
    package var surrogate: Double
    /// `surrogate − β · KL` after the update.
    package var objective: Double
    /// The share of the step's groups skipped for zero spread.
    package var zeroSpreadShare: Double
    /// Reward calls made so far in the run.
    package var rollouts: Int
    /// Tokens reported so far in the run.
    package var tokens: Int
    /// The policy's probabilities per cluster after the update (`[c][0]` is "no patch").
    package var probabilities: [[Double]]

    /// Creates a point.
    package init(
        step: Int,
        groups: Int,
        meanReward: Double,
        klDivergence: Double,
        surrogate: Double,
        objective: Double,
        zeroSpreadShare: Double,
        rollouts: Int,
        tokens: Int,
        probabilities: [[Double]]
    ) {
        self.step = step
        self.groups = groups
        self.meanReward = meanReward
        self.klDivergence = klDivergence
        self.surrogate = surrogate
        self.objective = objective
        self.zeroSpreadShare = zeroSpreadShare
        self.rollouts = rollouts
        self.tokens = tokens
        self.probabilities = probabilities
    }
}
