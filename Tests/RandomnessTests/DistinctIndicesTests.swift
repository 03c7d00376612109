import Randomness
import Testing

/// `SplitMix64.distinctIndices`: a partial Fisher-Yates shuffle, as the gate's null calibration draws answers.
struct DistinctIndicesTests {
    @Test func theIndicesAreDistinctAndInRange() {
        var rng = SplitMix64(seed: 7)
        for take in 0...10 {
            let picks = rng.distinctIndices(take, of: 10)
            #expect(picks.count == take)
            #expect(Set(picks).count == take, "\(picks)")
            #expect(picks.allSatisfy { (0..<10).contains($0) }, "\(picks)")
        }
    }

    /// Every index is drawn about equally often in the first place (1,000 of 10,000 draws each, within ±150).
    @Test func theFirstPlaceIsUniform() {
        var rng = SplitMix64(seed: 1)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 { counts[rng.distinctIndices(3, of: 10)[0]] += 1 }
        #expect(counts.allSatisfy { abs($0 - 1_000) < 150 }, "\(counts)")
    }
}
