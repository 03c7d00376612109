extension PipelineReport {
    /// How the GRPO training over patch choices went.
    package struct Training: Sendable, Hashable, Codable {
        /// One point per step.
        package var curve: [CurvePoint]
        /// Why it stopped: `completed`, `rollout_budget`, `token_budget` or `cancelled`.
        package var stopReason: String
        /// Reward calls made.
        package var rollouts: Int
        /// Tokens the model calls used.
        package var tokens: Int
        /// The final policy per cluster.
        package var policy: [ClusterPolicy]

        /// Creates a training summary.
        package init(
            curve: [CurvePoint], stopReason: String, rollouts: Int, tokens: Int, policy: [ClusterPolicy] = []
        ) {
            self.curve = curve
            self.stopReason = stopReason
            self.rollouts = rollouts
            self.tokens = tokens
            self.policy = policy
        }

        enum CodingKeys: String, CodingKey {
            case curve
            case stopReason = "stop_reason"
            case rollouts, tokens, policy
        }
    }

    /// One training step.
    package struct CurvePoint: Sendable, Hashable, Codable {
        /// The step, from 1.
        package var step: Int
        /// The mean reward of the step's rollouts.
        package var meanReward: Double
        /// `KL(π_θ ‖ π_ref)` after the step.
        package var klDivergence: Double
        /// The share of the step's groups skipped for zero spread.
        package var zeroSpreadShare: Double
        /// Reward calls made so far.
        package var rollouts: Int

        /// Creates a point.
        package init(step: Int, meanReward: Double, klDivergence: Double, zeroSpreadShare: Double, rollouts: Int) {
            self.step = step
            self.meanReward = meanReward
            self.klDivergence = klDivergence
            self.zeroSpreadShare = zeroSpreadShare
            self.rollouts = rollouts
        }

        enum CodingKeys: String, CodingKey {
            case step
            case meanReward = "mean_reward"
            case klDivergence = "kl_divergence"
            case zeroSpreadShare = "zero_spread_share"
            case rollouts
        }
    }

    /// The final policy's choice probabilities for one cluster.
    package struct ClusterPolicy: Sendable, Hashable, Codable {
        /// The cluster's id.
        package var clusterID: String
        /// "No patch" (`patch_id` null) and each candidate, with probabilities summing to 1.
        package var choices: [PolicyChoice]

        /// Creates a cluster's policy.
        package init(clusterID: String, choices: [PolicyChoice]) {
            self.clusterID = clusterID
            self.choices = choices
        }

        enum CodingKeys: String, CodingKey {
            case clusterID = "cluster_id"
            case choices
        }
    }

    /// One choice of a cluster's policy.
    package struct PolicyChoice: Sendable, Hashable, Codable {
        /// The patch, or `nil` for "no patch".
        package var patchID: String?
        /// Its probability under the final policy.
        package var probability: Double

        /// Creates a choice.
        package init(patchID: String?, probability: Double) {
            self.patchID = patchID
            self.probability = probability
        }

        enum CodingKeys: String, CodingKey {
            case patchID = "patch_id"
            case probability
        }
    }
}
