import Foundation

/// The probability of each simulated outcome: a grounded answer, or one of the ``FailureMode``s.
package struct OutcomeDistribution: Sendable, Hashable {
    /// The probability of a grounded answer.
    package private(set) var grounded: Double
    /// The probability of each failure mode (all modes present; those folded into `grounded` are 0).
    package private(set) var failures: [FailureMode: Double]

    /// The softmax of `logits` against a grounded logit of 0, at `temperature`.
    ///
    /// When `answerable` is false the refusal mode's mass is added to `grounded` (abstaining is right then).
    /// - Complexity: O(modes).
    package init(logits: FailureLogits, temperature: Double = 1, answerable: Bool = true) {
        let scale = 1 / max(temperature, 0.01)
        let scaled = FailureMode.allCases.map { logits[$0] * scale }
        let top = max(0, scaled.max() ?? 0)
        let groundedWeight = exp(-top)
        let weights = scaled.map { exp($0 - top) }
        let total = groundedWeight + weights.reduce(0, +)
        var failures: [FailureMode: Double] = [:]
        for (mode, weight) in zip(FailureMode.allCases, weights) { failures[mode] = weight / total }
        var grounded = groundedWeight / total
        if !answerable {
            grounded += failures[.refusal] ?? 0
            failures[.refusal] = 0
        }
        self.grounded = grounded
        self.failures = failures
    }

    /// The probability of `mode`.
    package subscript(mode: FailureMode) -> Double { self.failures[mode] ?? 0 }

    /// The outcome a uniform draw `u` in `[0, 1)` selects: grounded first, then the modes in declaration order,
    /// so a prompt that raises `grounded` keeps every draw that was grounded before (common random numbers).
    package func outcome(for u: Double) -> FailureMode? {
        var cumulative = self.grounded
        if u < cumulative { return nil }
        for mode in FailureMode.allCases {
            cumulative += self[mode]
            if u < cumulative { return mode }
        }
        return FailureMode.allCases.last { self[$0] > 0 }
    }
}
