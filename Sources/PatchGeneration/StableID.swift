/// FNV-1a (64-bit) over strings: ids and seeds that are the same in every process (unlike `Hasher`).
enum StableID {
    /// The FNV-1a hash of `parts`, each followed by a separator byte.
    static func hash(_ parts: String...) -> UInt64 {
        self.hash(parts)
    }

    /// The FNV-1a hash of `parts`, each followed by a separator byte.
    static func hash(_ parts: [String]) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01B3
            }
            value ^= 0xFF
            value &*= 0x0000_0100_0000_01B3
        }
        return value
    }

    /// The first `length` (at most 16) hex digits of ``hash(_:)-([String])``, zero-padded.
    static func hex(_ parts: String..., length: Int = 8) -> String {
        let digits = String(self.hash(parts), radix: 16)
        return String((String(repeating: "0", count: 16 - digits.count) + digits).prefix(length))
    }
}
