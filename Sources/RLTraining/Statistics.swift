import Foundation

/// Small descriptive statistics used by the trainer and the held-out gate.
package enum Statistics {
    /// The arithmetic mean.
    ///
    /// - Precondition: `values` is not empty.
    /// - Complexity: O(n).
    package static func mean(_ values: some Collection<Double>) -> Double {
        precondition(!values.isEmpty, "the mean of nothing is undefined")
        return values.reduce(0, +) / Double(values.count)
    }

    /// The population standard deviation `sqrt((1/n) Σ (x − x̄)²)` (divides by n, not n − 1), computed in two
    /// passes for accuracy.
    ///
    /// - Precondition: `values` is not empty.
    /// - Complexity: O(n).
    package static func populationStandardDeviation(_ values: some Collection<Double>) -> Double {
        let mean = Self.mean(values)
        let sumOfSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return Foundation.sqrt(sumOfSquares / Double(values.count))
    }

    /// The `p`-quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan's type 7,
    /// the default of R and NumPy): position `h = (n − 1) p`, value `x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)`.
    ///
    /// - Precondition: `sorted` is non-empty and ascending; `0 ≤ p ≤ 1`.
    /// - Complexity: O(1).
    package static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "the quantile of nothing is undefined")
        precondition(p >= 0 && p <= 1, "p must be in 0...1")
        let position = Double(sorted.count - 1) * p
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
