/// Hyperparameters of the Adam optimiser (Kingma and Ba, 2015).
package struct AdamConfiguration: Sendable, Hashable, Codable {
    /// The step size `α`. Default `0.1` (logits of a categorical move by at most about `α` per step).
    package var learningRate: Double
    /// The decay of the first-moment average, `β₁`. Default `0.9`.
    package var beta1: Double
    /// The decay of the second-moment average, `β₂`. Default `0.999`.
    package var beta2: Double
    /// The `ε` added to `sqrt(v̂)`. Default `1e-8`.
    package var epsilon: Double

    /// Creates a configuration; every argument has the documented default.
    package init(learningRate: Double = 0.1, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}
