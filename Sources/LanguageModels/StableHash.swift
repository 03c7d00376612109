import Randomness

/// FNV-1a (64-bit) over strings: a hash that, unlike `Hasher`, is the same in every process, so simulated outputs
/// can be replayed from a seed.
struct StableHash {
    private var hasher = FNV1a()

    var value: UInt64 { self.hasher.value }

    /// Mixes in `text` followed by a separator byte, so `("ab", "c")` and `("a", "bc")` differ.
    mutating func combine(_ text: String?) {
        if let text {
            for byte in text.utf8 { self.mix(byte) }
            self.mix(0xFF)
        } else {
            self.mix(0xFE)
        }
    }

    private mutating func mix(_ byte: UInt8) {
        self.hasher.mix(byte)
    }
}
