import Foundation
import RLTraining

/// The Wilson score interval of a proportion: unlike a bootstrap (or the normal approximation), it does not
/// collapse to `[0, 0]` when no failure was seen, so "0 of 30" reads as "at most about 11%", not "exactly none".
package enum RateInterval {
    /// The normal quantile of a two-sided 95% interval.
    static let z95 = 1.959963984540054

    /// The 95% Wilson interval of `count` of `total`.
    /// - Precondition: `0 ≤ count ≤ total`, `total ≥ 1`.
    package static func wilson(_ count: Int, of total: Int) -> ConfidenceInterval {
        precondition(total >= 1 && (0...total).contains(count), "a count within a non-empty total")
        return Self.wilson(proportion: Double(count) / Double(total), of: total)
    }

    /// The 95% Wilson interval of a mean `proportion` of `total` units, each contributing a share in [0, 1] (an
    /// experience's share of failing answers, say): a share varies no more than a 0-or-1 outcome of the same mean,
    /// so the interval of `total` single outcomes covers at least as well.
    /// - Precondition: `0 ≤ proportion ≤ 1`, `total ≥ 1`.
    package static func wilson(proportion p: Double, of total: Int) -> ConfidenceInterval {
        precondition(total >= 1 && (0...1).contains(p), "a proportion of a non-empty total")
        let n = Double(total)
        let z2 = Self.z95 * Self.z95
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = Self.z95 / (1 + z2 / n) * Foundation.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        return ConfidenceInterval(
            estimate: p, low: max(0, centre - half), high: min(1, centre + half), confidence: 0.95)
    }
}
