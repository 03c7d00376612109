/// The MT19937 Mersenne Twister exactly as NumPy's legacy `numpy.random.RandomState` runs it, so that a seeded
/// choice in Kaizen can make the same draws as the scikit-learn code it reimplements.
///
/// k-means++ uses it: with the same seed, `KMeans` picks the same starting rows as scikit-learn's
/// `KMeans(random_state: seed)`, which makes the two tools comparable run by run instead of only on average.
/// Slower than `SplitMix64` and not cryptographically secure.
package struct MersenneTwister: RandomNumberGenerator, Sendable, Hashable {
    private static let stateSize = 624
    private static let shift = 397

    private var state: [UInt32]
    private var position: Int

    /// `RandomState(seed)` for a seed in `0 ..< 2^32` (NumPy's `mt19937_seed`, Matsumoto and Nishimura's
    /// `init_genrand`).
    package init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = seed
        for index in 1..<Self.stateSize {
            let previous = state[index - 1]
            state[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        self.state = state
        self.position = Self.stateSize
    }

    /// `RandomState(key)` for an array of 32-bit words (`init_by_array`).
    package init(key: [UInt32]) {
        self.init(seed: UInt32(19_650_218))
        var state = self.state
        let length = max(key.count, 1)
        var index = 1
        var keyIndex = 0
        for _ in 0..<max(Self.stateSize, length) {
            let previous = state[index - 1]
            state[index] =
                (state[index] ^ ((previous ^ (previous >> 30)) &* 1_664_525))
                &+ (key.isEmpty ? 0 : key[keyIndex]) &+ UInt32(keyIndex)
            index += 1
            keyIndex += 1
            if index >= Self.stateSize {
                state[0] = state[Self.stateSize - 1]
                index = 1
            }
            if keyIndex >= length { keyIndex = 0 }
        }
        for _ in 0..<(Self.stateSize - 1) {
            let previous = state[index - 1]
            state[index] = (state[index] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(index)
            index += 1
            if index >= Self.stateSize {
                state[0] = state[Self.stateSize - 1]
                index = 1
            }
        }
        state[0] = 0x8000_0000
        self.state = state
        self.position = Self.stateSize
    }

    /// A seed of any size: below 2^32 exactly `RandomState(seed)`; above, `init_by_array` over its low and high
    /// words (NumPy refuses such seeds, so there is nothing to match there).
    package init(seed: UInt64) {
        if seed <= UInt64(UInt32.max) {
            self.init(seed: UInt32(seed))
        } else {
            self.init(key: [UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)])
        }
    }

    /// The next tempered 32-bit output.
    package mutating func next32() -> UInt32 {
        if self.position >= Self.stateSize { self.regenerate() }
        var value = self.state[self.position]
        self.position += 1
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C_5680
        value ^= (value << 15) & 0xEFC6_0000
        value ^= value >> 18
        return value
    }

    /// Two 32-bit outputs, the first in the high half.
    package mutating func next() -> UInt64 {
        let high = UInt64(self.next32())
        return high << 32 | UInt64(self.next32())
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits: NumPy's `random_sample()` (27 bits of one output, 26 of
    /// the next).
    package mutating func nextUnitDouble() -> Double {
        let high = Double(self.next32() >> 5)
        let low = Double(self.next32() >> 6)
        return (high * 67_108_864.0 + low) / 9_007_199_254_740_992.0
    }

    private mutating func regenerate() {
        let upperMask: UInt32 = 0x8000_0000
        let lowerMask: UInt32 = 0x7FFF_FFFF
        let size = Self.stateSize
        self.state.withUnsafeMutableBufferPointer { state in
            for index in 0..<size {
                let bits = (state[index] & upperMask) | (state[(index + 1) % size] & lowerMask)
                var value = state[(index + Self.shift) % size] ^ (bits >> 1)
                if bits & 1 != 0 { value ^= 0x9908_B0DF }
                state[index] = value
            }
        }
        self.position = 0
    }
}
