import Randomness

/// The order in which experiences are visited: a fresh seeded permutation per epoch, read as one endless stream.
struct ExperienceOrder: Sendable {
    private let count: Int
    private let seed: UInt64
    private var epoch: Int = -1
    private var permutation: [Int] = []
    private var position: Int = 0

    init(count: Int, seed: UInt64) {
        precondition(count > 0, "no experiences to visit")
        self.count = count
        self.seed = seed
        self.position = count
    }

    /// The next `n` indices of the stream. Each epoch visits every index once; a batch that straddles two epochs
    /// may hold one index twice.
    mutating func next(_ n: Int) -> [Int] {
        var indices = [Int]()
        indices.reserveCapacity(n)
        while indices.count < n {
            if self.position == self.count {
                self.epoch += 1
                var rng = SplitMix64.derived(seed: self.seed ^ 0x6578_7065_7269_656E, stream: UInt64(self.epoch))
                self.permutation = Array(0..<self.count)
                // Fisher–Yates, spelled out so the order does not depend on the standard library's shuffle.
                for index in stride(from: self.count - 1, to: 0, by: -1) {
                    let other = Int(rng.next(upperBound: UInt64(index + 1)))
                    self.permutation.swapAt(index, other)
                }
                self.position = 0
            }
            indices.append(self.permutation[self.position])
            self.position += 1
        }
        return indices
    }
}
