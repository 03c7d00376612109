import Foundation

/// The order-statistic interval of a median, which the comparison prints (a share's Wilson interval is
/// `Evaluation.RateInterval`'s).
enum Intervals {
    /// The median and its distribution-free interval of at least 95% coverage: the order statistics `x₍ₖ₎` and
    /// `x₍ₙ₋ₖ₊₁₎` with the largest `k` such that `P(Binomial(n, ½) < k) ≤ 0.025` (for n = 20: the 6th and 15th).
    static func median(_ values: [Double]) -> (median: Double, low: Double, high: Double) {
        let sorted = values.sorted()
        let n = sorted.count
        guard n > 0 else { return (.nan, .nan, .nan) }
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        var k = 0
        var cumulative = 0.0
        for j in 0..<n {
            cumulative += Self.binomialHalf(n, j)
            if cumulative > 0.025 { break }
            k = j + 1
        }
        guard k >= 1 else { return (median, sorted[0], sorted[n - 1]) }
        return (median, sorted[k - 1], sorted[n - k])
    }

    /// `P(Binomial(n, ½) = j)`.
    private static func binomialHalf(_ n: Int, _ j: Int) -> Double {
        var logChoose = 0.0
        for i in 0..<j { logChoose += Foundation.log(Double(n - i)) - Foundation.log(Double(i + 1)) }
        return Foundation.exp(logChoose - Double(n) * Foundation.log(2))
    }
}
