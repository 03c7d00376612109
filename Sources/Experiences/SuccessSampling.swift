import Randomness

/// The seeded sample every store uses, so that all implementations return the same successes for the same seed.
package enum SuccessSampling {
    /// Picks at most `count` of `ids` uniformly at random (a partial Fisher-Yates shuffle driven by `seed`).
    ///
    /// `ids` are sorted first, so the result depends only on the set of ids, the count and the seed.
    /// - Complexity: O(n log n) for n ids.
    package static func sample(_ ids: [String], count: Int, seed: UInt64) -> [String] {
        var pool = ids.sorted()
        var rng = SplitMix64(seed: seed)
        let take = min(max(count, 0), pool.count)
        for index in 0..<take {
            let pick = index + Int(rng.next() % UInt64(pool.count - index))
            pool.swapAt(index, pick)
        }
        return Array(pool.prefix(take))
    }
}
