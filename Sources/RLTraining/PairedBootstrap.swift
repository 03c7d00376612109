import Randomness

/// The paired bootstrap for the held-out gate: how sure are we that the candidate prompt beats the baseline on the
/// same experiences?
package enum PairedBootstrap {
    /// The percentile-bootstrap interval of the mean of paired differences `d_j = candidate_j − baseline_j`.
    ///
    /// Draws `resamples` samples of `n` differences with replacement (seeded), takes each resample's mean, and
    /// returns the `(1 − confidence)/2` and `(1 + confidence)/2` quantiles of those means (type-7 interpolation, see
    /// `Statistics.quantile`) around the observed mean. Pairing removes the per-experience difficulty that both
    /// prompts share, so the interval is much tighter than one from two independent samples.
    ///
    /// - Parameters:
    ///   - baseline: the base prompt's reward per held-out experience.
    ///   - candidate: the candidate's reward on the same experiences, in the same order.
    ///   - configuration: resamples, coverage and seed.
    /// - Precondition: the arrays are non-empty and of equal length; `resamples ≥ 1`; `0 < confidence < 1`.
    /// - Complexity: O(R·n + R log R) for R resamples of n pairs.
    package static func meanDifference(
        baseline: [Double],
        candidate: [Double],
        configuration: BootstrapConfiguration = BootstrapConfiguration()
    ) -> ConfidenceInterval {
        precondition(baseline.count == candidate.count, "paired samples must have the same length")
        return Self.mean(of: zip(candidate, baseline).map { $0 - $1 }, configuration: configuration)
    }

    /// The percentile-bootstrap interval of the mean of `differences` (already paired).
    ///
    /// - Precondition: `differences` is non-empty; `resamples ≥ 1`; `0 < confidence < 1`.
    /// - Complexity: O(R·n + R log R).
    package static func mean(
        of differences: [Double],
        configuration: BootstrapConfiguration = BootstrapConfiguration()
    ) -> ConfidenceInterval {
        precondition(!differences.isEmpty, "the bootstrap needs at least one pair")
        precondition(configuration.resamples >= 1, "at least one resample")
        precondition(configuration.confidence > 0 && configuration.confidence < 1, "confidence must be in (0, 1)")
        let n = differences.count
        var rng = SplitMix64(seed: configuration.seed)
        var means = [Double]()
        means.reserveCapacity(configuration.resamples)
        for _ in 0..<configuration.resamples {
            var sum = 0.0
            for _ in 0..<n { sum += differences[Int(rng.next(upperBound: UInt64(n)))] }
            means.append(sum / Double(n))
        }
        means.sort()
        let tail = (1 - configuration.confidence) / 2
        return ConfidenceInterval(
            estimate: Statistics.mean(differences),
            low: Statistics.quantile(sorted: means, tail),
            high: Statistics.quantile(sorted: means, 1 - tail),
            confidence: configuration.confidence
        )
    }
}
