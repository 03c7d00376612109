/// The result of a training run: the chosen variant, the final policy, the curve, what was spent and why it stopped.
package struct TrainingOutcome: Sendable, Hashable, Codable {
    /// The most probable variant of the final policy (per-cluster argmax).
    package var variant: Variant
    /// The final policy.
    package var policy: PatchPolicy
    /// One point per completed step.
    package var curve: [TrainingCurvePoint]
    /// Reward calls made.
    package var rollouts: Int
    /// Tokens reported by the reward function.
    package var tokens: Int
    /// Groups skipped for zero spread over the whole run.
    package var zeroSpreadGroups: Int
    /// Groups seen over the whole run.
    package var groups: Int
    /// Why the run stopped.
    package var stopReason: StopReason
    /// Rollouts whose generation failed (counted in `rollouts`, left out of the updates).
    package var failedRollouts: Int
    /// Successive halving's eliminations, in order, with the rollouts each cost; empty under ``AllocationRule/policy``.
    package var decisions: [AllocationDecision]
    /// With candidate evolution: the Pareto pool at the end (``ParetoPool``) and how many candidates were added.
    package var paretoPool: [Variant] = []
    package var evolvedCandidates = 0

    /// Creates an outcome.
    package init(
        variant: Variant,
        policy: PatchPolicy,
        curve: [TrainingCurvePoint],
        rollouts: Int,
        tokens: Int,
        zeroSpreadGroups: Int,
        groups: Int,
        stopReason: StopReason,
        failedRollouts: Int = 0,
        decisions: [AllocationDecision] = []
    ) {
        self.variant = variant
        self.policy = policy
        self.curve = curve
        self.rollouts = rollouts
        self.tokens = tokens
        self.zeroSpreadGroups = zeroSpreadGroups
        self.groups = groups
        self.stopReason = stopReason
        self.failedRollouts = failedRollouts
        self.decisions = decisions
    }
}
