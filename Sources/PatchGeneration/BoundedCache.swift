import Synchronization

/// A thread-safe memo of a pure function's results, holding at most `capacity` entries: when full, it empties
/// before inserting, and a key `keeps` refuses (one too large to hold, say) is computed but not kept, so memory
/// stays bounded however many distinct keys a long-running service sees.
///
/// Only for values that depend on nothing but the key (and on immutable state of the owner): a hit must return
/// what computing afresh would. The ranker service meets the same cluster representatives and base prompts on
/// request after request (issue 14), and their analysis was most of a rank.
package final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The most entries kept.
    package let capacity: Int
    private let entries = Mutex<[Key: Value]>([:])
    private let keeps: @Sendable (Key) -> Bool

    /// Creates an empty cache of at most `capacity` (at least 1) entries, keeping only keys `keeps` accepts.
    package init(capacity: Int, keeps: @escaping @Sendable (Key) -> Bool = { _ in true }) {
        precondition(capacity >= 1, "a cache holds at least one entry")
        self.capacity = capacity
        self.keeps = keeps
    }

    /// The value for `key`: the remembered one, or `compute()`'s, which is then remembered when `keeps` accepts
    /// the key. `compute` runs outside the lock, so two callers may both compute a missing value; both get the same
    /// result.
    package func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
        guard self.keeps(key) else { return try compute() }
        if let hit = self.value(for: key) { return hit }
        let value = try compute()
        self.remember(value, for: key)
        return value
    }

    /// The remembered value for `key`, if any (for callers that compute several values at once, as a batched
    /// store look-up does, and ``remember(_:for:)`` them).
    package func value(for key: Key) -> Value? {
        self.entries.withLock { $0[key] }
    }

    /// Remembers `value` for `key`, when `keeps` accepts the key.
    package func remember(_ value: Value, for key: Key) {
        guard self.keeps(key) else { return }
        self.entries.withLock { entries in
            if entries.count >= self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }

    /// How many entries the cache holds.
    package var count: Int { self.entries.withLock { $0.count } }
}
