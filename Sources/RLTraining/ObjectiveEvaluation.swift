/// The value of the GRPO objective at one point, its parts, and its gradient with respect to the logits.
package struct ObjectiveEvaluation: Sendable, Hashable, Codable {
    /// `J(θ) = surrogate − β · kl`, the quantity being maximised.
    package var objective: Double
    /// `mean_i min(ρ_i A_i, clip(ρ_i, 1 − ε, 1 + ε) A_i)` (0 when there are no samples).
    package var surrogate: Double
    /// The exact `KL(π_θ ‖ π_ref)`.
    package var klDivergence: Double
    /// The share of samples whose clipped term is the active one (gradient 0).
    package var clippedShare: Double
    /// `∂J/∂θ`, shaped like the policy's logits.
    package var gradient: [[Double]]

    /// Creates an evaluation.
    package init(
        objective: Double,
        surrogate: Double,
        klDivergence: Double,
        clippedShare: Double,
        gradient: [[Double]]
    ) {
        self.objective = objective
        self.surrogate = surrogate
        self.klDivergence = klDivergence
        self.clippedShare = clippedShare
        self.gradient = gradient
    }
}
