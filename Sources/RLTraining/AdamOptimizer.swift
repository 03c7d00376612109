import Foundation

/// The Adam optimiser with standard bias correction, minimising a function from its gradients.
///
/// Step `t` (from 1): `m ← β₁ m + (1 − β₁) g`, `v ← β₂ v + (1 − β₂) g²`, `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`,
/// `x ← x − α m̂ / (sqrt(v̂) + ε)`. To maximise, pass the negated gradient.
package struct AdamOptimizer: Sendable, Hashable, Codable {
    /// The hyperparameters.
    package var configuration: AdamConfiguration
    /// The first-moment estimate `m`.
    package private(set) var firstMoment: [Double]
    /// The second-moment estimate `v`.
    package private(set) var secondMoment: [Double]
    /// The number of steps taken, `t`.
    package private(set) var stepCount: Int

    /// Creates an optimiser with zero moments for `parameterCount` parameters.
    package init(parameterCount: Int, configuration: AdamConfiguration = AdamConfiguration()) {
        self.configuration = configuration
        self.firstMoment = [Double](repeating: 0, count: parameterCount)
        self.secondMoment = [Double](repeating: 0, count: parameterCount)
        self.stepCount = 0
    }

    /// Takes one step downhill.
    ///
    /// - Parameters:
    ///   - parameters: `x`, updated in place.
    ///   - gradient: `∇f(x)` of the function being minimised.
    /// - Precondition: both arrays have the optimiser's parameter count.
    /// - Complexity: O(n).
    package mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == self.firstMoment.count, "parameter count mismatch")
        precondition(gradient.count == self.firstMoment.count, "gradient count mismatch")
        self.stepCount += 1
        let beta1 = self.configuration.beta1
        let beta2 = self.configuration.beta2
        let correction1 = 1 - Foundation.pow(beta1, Double(self.stepCount))
        let correction2 = 1 - Foundation.pow(beta2, Double(self.stepCount))
        for index in parameters.indices {
            let g = gradient[index]
            self.firstMoment[index] = beta1 * self.firstMoment[index] + (1 - beta1) * g
            self.secondMoment[index] = beta2 * self.secondMoment[index] + (1 - beta2) * g * g
            let mHat = self.firstMoment[index] / correction1
            let vHat = self.secondMoment[index] / correction2
            parameters[index] -=
                self.configuration.learningRate * mHat / (Foundation.sqrt(vHat) + self.configuration.epsilon)
        }
    }

    /// Adds a parameter at `index` with zero moments, for a choice added to the policy mid-run (candidate
    /// evolution): the new logit starts without momentum, the others keep theirs.
    package mutating func insertParameter(at index: Int) {
        self.firstMoment.insert(0, at: index)
        self.secondMoment.insert(0, at: index)
    }
}
