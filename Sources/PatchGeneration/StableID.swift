import Randomness

/// FNV-1a (64-bit) over strings: ids and seeds that are the same in every process (unlike `Hasher`).
enum StableID {
    /// The FNV-1a hash of `parts`, each followed by a separator byte.
    static func hash(_ parts: String...) -> UInt64 {
        self.hash(parts)
    }

    /// The FNV-1a hash of `parts`, each followed by a separator byte.
    static func hash(_ parts: [String]) -> UInt64 {
        var hasher = FNV1a()
        for part in parts {
            hasher.mix(part.utf8)
            hasher.mix(0xFF)
        }
        return hasher.value
    }

    /// The first `length` (at most 16) hex digits of ``hash(_:)-([String])``, zero-padded.
    static func hex(_ parts: String..., length: Int = 8) -> String {
        let digits = String(self.hash(parts), radix: 16)
        return String((String(repeating: "0", count: 16 - digits.count) + digits).prefix(length))
    }
}
