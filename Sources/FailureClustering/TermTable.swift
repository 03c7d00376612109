/// An insert-only hash set of byte strings that numbers its keys 0, 1, 2... in insertion order.
///
/// The vectoriser's vocabulary while counting: tokens are looked up by their UTF-8 bytes, so no `String` is made
/// per token. Open addressing with linear probing over a power-of-two slot array, kept at most half full.
struct TermTable {
    /// All keys' bytes, back to back.
    private(set) var arena: [UInt8] = []
    /// Key `i` is `arena[starts[i]..<starts[i + 1]]`.
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.slots = [Int32](repeating: -1, count: size)
        self.mask = size - 1
    }

    var count: Int { self.hashes.count }

    /// The id of `key`, inserting it when new.
    @inline(__always)
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & self.mask
        while true {
            let id = self.slots[slot]
            if id < 0 { break }
            if self.hashes[Int(id)] == hash && self.keyEquals(Int(id), key) { return (id, false) }
            slot = (slot + 1) & self.mask
        }
        let id = Int32(self.hashes.count)
        self.hashes.append(hash)
        self.arena.append(contentsOf: key)
        self.starts.append(self.arena.count)
        self.slots[slot] = id
        if self.hashes.count * 2 > self.slots.count { self.grow() }
        return (id, true)
    }

    /// The id of `key`, or `nil` when absent.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & self.mask
        while true {
            let id = self.slots[slot]
            if id < 0 { return nil }
            if self.hashes[Int(id)] == hash && self.keyEquals(Int(id), key) { return id }
            slot = (slot + 1) & self.mask
        }
    }

    /// Calls `body` with key `id`'s bytes.
    func withKey<Result>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = self.starts[id]..<self.starts[id + 1]
        return self.arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Key `id` as a string.
    func string(_ id: Int) -> String {
        String(decoding: self.arena[self.starts[id]..<self.starts[id + 1]], as: UTF8.self)
    }

    /// Whether key `lhs` sorts before key `rhs` by bytes, which for UTF-8 is code-point order (Python's `sorted`).
    func keyPrecedes(_ lhs: Int, _ rhs: Int) -> Bool {
        self.arena.withUnsafeBufferPointer { arena in
            var left = self.starts[lhs]
            let leftEnd = self.starts[lhs + 1]
            var right = self.starts[rhs]
            let rightEnd = self.starts[rhs + 1]
            while left < leftEnd && right < rightEnd {
                if arena[left] != arena[right] { return arena[left] < arena[right] }
                left += 1
                right += 1
            }
            return left == leftEnd && right < rightEnd
        }
    }

    @inline(__always)
    private func keyEquals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = self.starts[id]
        guard self.starts[id + 1] - start == key.count else { return false }
        return self.arena.withUnsafeBufferPointer { arena in
            for offset in 0..<key.count where arena[start + offset] != key[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = self.slots.count * 2
        self.mask = size - 1
        self.slots = [Int32](repeating: -1, count: size)
        for id in 0..<self.hashes.count {
            var slot = Int(truncatingIfNeeded: self.hashes[id]) & self.mask
            while self.slots[slot] >= 0 { slot = (slot + 1) & self.mask }
            self.slots[slot] = Int32(id)
        }
    }

    /// A 64-bit hash of the bytes, eight at a time (multiply-xorshift mixing, as in wyhash and SplitMix64).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return state }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= key.count {
            state = (state ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 29
            index += 8
        }
        if index < key.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < key.count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            state = (state ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        state ^= state >> 32
        state &*= 0x94D0_49BB_1331_11EB
        state ^= state >> 29
        return state
    }
}
