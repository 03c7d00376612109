/// A point estimate with a confidence interval around it.
package struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// The statistic on the observed data (here the mean paired difference).
    package var estimate: Double
    /// The interval's lower end.
    package var low: Double
    /// The interval's upper end.
    package var high: Double
    /// The nominal coverage, e.g. `0.95`.
    package var confidence: Double

    /// Creates an interval.
    package init(estimate: Double, low: Double, high: Double, confidence: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
        self.confidence = confidence
    }

    /// Whether the whole interval lies above zero (a gain "with confidence").
    package var isAboveZero: Bool { self.low > 0 }
}
