import Foundation

/// A chart axis's domain and "nice" tick values (steps of 1, 2 or 5 times a power of ten).
struct Axis {
    /// The domain's ends, both ticks.
    var low: Double
    var high: Double
    /// The tick values, from `low` to `high`.
    var ticks: [Double]
    /// Decimals that show the ticks exactly.
    var digits: Int

    /// An axis covering `low...high` with about `count` ticks; a degenerate range is widened.
    ///
    /// - Complexity: O(ticks).
    init(covering low: Double, _ high: Double, count: Int = 5, integers: Bool = false) {
        var low = low.isFinite ? low : 0
        var high = high.isFinite ? high : 1
        if high < low { swap(&low, &high) }
        if high - low < 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - (low == 0 ? 0 : pad), high + pad)
        }
        let raw = (high - low) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        var step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude
        if integers { step = max(1, step.rounded()) }
        let first = (low / step + 1e-9).rounded(.down)
        let last = (high / step - 1e-9).rounded(.up)
        self.ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        self.low = first * step
        self.high = max(last, first + 1) * step
        if self.ticks.count < 2 { self.ticks = [self.low, self.high] }
        self.digits = integers ? 0 : max(0, Int(-floor(log10(step) + 1e-9)))
    }

    /// Where `value` falls between `from` (at `low`) and `to` (at `high`).
    func position(of value: Double, from: Double, to: Double) -> Double {
        from + (value - self.low) / (self.high - self.low) * (to - from)
    }

    /// A tick's label.
    func label(_ value: Double) -> String {
        HTMLText.number(value, digits: self.digits)
    }
}
