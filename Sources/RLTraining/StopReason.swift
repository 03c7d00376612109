/// Why a training run (or a baseline) stopped.
package enum StopReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every configured step ran.
    case completed
    /// The rollout cap left no room for another group.
    case rolloutBudget = "rollout_budget"
    /// The token cap was reached, or the next step would have passed it.
    case tokenBudget = "token_budget"
    /// The task was cancelled; the outcome holds the steps completed before.
    case cancelled
    /// More generations failed than ``GRPOConfiguration/failureAllowance`` tolerates; the outcome holds the policy
    /// learned from the rollouts that succeeded.
    case modelFailures = "model_failures"

}
