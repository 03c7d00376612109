import Foundation
import Randomness
import Testing

@testable import RLTraining

struct PairedBootstrapTests {
    @Test func constantDifferencesGiveADegenerateInterval() {
        // Every pair differs by exactly 0.25, so every resample's mean is 0.25 and so are both ends.
        let baseline = (0..<40).map { Double($0 % 4) / 4 }
        let candidate = baseline.map { $0 + 0.25 }
        let interval = PairedBootstrap.meanDifference(baseline: baseline, candidate: candidate)
        #expect(interval.estimate == 0.25)
        #expect(interval.low == 0.25)
        #expect(interval.high == 0.25)
        #expect(interval.confidence == 0.95)
    }

    @Test func clearPositiveShiftIsAboveZero() {
        // Differences ~ 0.1 + U(−0.1, 0.1) over 200 pairs: standard error ≈ 0.058/sqrt(200) ≈ 0.004.
        var rng = SplitMix64(seed: 3)
        let baseline = (0..<200).map { _ in rng.nextUnitDouble() }
        let candidate = baseline.map { $0 + 0.1 + 0.2 * (rng.nextUnitDouble() - 0.5) }
        let interval = PairedBootstrap.meanDifference(baseline: baseline, candidate: candidate)
        #expect(interval.isAboveZero)
        #expect(interval.low < interval.estimate && interval.estimate < interval.high)
        #expect(interval.low > 0.08 && interval.high < 0.12)
    }

    @Test func noShiftStraddlesZero() {
        var rng = SplitMix64(seed: 4)
        let differences = (0..<200).map { _ in rng.nextUnitDouble() - 0.5 }
        let interval = PairedBootstrap.mean(of: differences)
        #expect(interval.low < interval.estimate && interval.estimate < interval.high)
        #expect(abs(interval.estimate) < 0.06)
        #expect(interval.low < 0.03 && interval.high > -0.03)
    }

    @Test func seededAndReproducible() {
        var rng = SplitMix64(seed: 5)
        let differences = (0..<50).map { _ in rng.nextUnitDouble() }
        let configuration = BootstrapConfiguration(resamples: 500, confidence: 0.9, seed: 11)
        let first = PairedBootstrap.mean(of: differences, configuration: configuration)
        let second = PairedBootstrap.mean(of: differences, configuration: configuration)
        #expect(first == second)
        let other = PairedBootstrap.mean(
            of: differences,
            configuration: BootstrapConfiguration(resamples: 500, confidence: 0.9, seed: 12)
        )
        #expect(other != first)
        #expect(other.estimate == first.estimate)
    }
}
