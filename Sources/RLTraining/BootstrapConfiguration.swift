/// Settings of the paired bootstrap.
package struct BootstrapConfiguration: Sendable, Hashable, Codable {
    /// How many resamples to draw. Default `2000`.
    package var resamples: Int
    /// The interval's coverage, in (0, 1). Default `0.95`.
    package var confidence: Double
    /// The seed of the resampling. Default `0`.
    package var seed: UInt64

    /// The level of one side of the interval, `(1 − confidence) / 2`: 0.025 at 95%. A one-sided test at this level
    /// (the gate's sign-flip test) agrees with the interval's lower end.
    package var oneSidedLevel: Double { (1 - self.confidence) / 2 }

    /// Creates a configuration; every argument has the documented default.
    package init(resamples: Int = 2000, confidence: Double = 0.95, seed: UInt64 = 0) {
        self.resamples = resamples
        self.confidence = confidence
        self.seed = seed
    }
}
