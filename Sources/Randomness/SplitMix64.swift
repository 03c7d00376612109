import Foundation

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64), so every random choice in Kaizen can be
/// replayed from a seed.
///
/// Not cryptographically secure; it is for sampling, shuffling and initialisation only.
package struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    package init(seed: UInt64) {
        self.state = seed
    }

    package mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    package mutating func nextUnitDouble() -> Double {
        Double(self.next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw by Box-Muller from two uniform draws (the first kept away from 0).
    package mutating func nextStandardNormal() -> Double {
        let u1 = max(self.nextUnitDouble(), 1e-300)
        let u2 = self.nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `take` distinct indices of `0..<count` in the order drawn: the first `take` places of a partial Fisher-Yates
    /// shuffle, one `next(upperBound:)` per place.
    /// - Precondition: `0 ≤ take ≤ count`.
    package mutating func distinctIndices(_ take: Int, of count: Int) -> [Int] {
        precondition(take >= 0 && take <= count, "cannot draw \(take) distinct indices of \(count)")
        var indices = Array(0..<count)
        for place in 0..<take {
            indices.swapAt(place, place + Int(self.next(upperBound: UInt64(count - place))))
        }
        return Array(indices.prefix(take))
    }

    /// A generator for an independent stream, derived from this seed and `stream` (e.g. a worker or item index),
    /// so parallel work stays deterministic whatever order it runs in.
    package static func derived(seed: UInt64, stream: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
