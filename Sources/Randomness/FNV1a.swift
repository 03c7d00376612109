/// FNV-1a, 64 bits: a hash that is the same in every process and run (unlike `Hasher`), for ids and seeds derived
/// from content.
package struct FNV1a: Sendable, Hashable {
    /// The hash of what was mixed in so far.
    package private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    package init() {}

    /// Mixes in one byte.
    package mutating func mix(_ byte: UInt8) {
        self.value ^= UInt64(byte)
        self.value &*= 0x0000_0100_0000_01B3
    }

    /// Mixes in every byte of `bytes`.
    package mutating func mix(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { self.mix(byte) }
    }

    /// The hash of `bytes` alone.
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        hasher.mix(bytes)
        return hasher.value
    }
}
