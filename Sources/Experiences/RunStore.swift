import Foundation

/// Where the pipeline keeps what it produced, so later stages and people can refer to it by id: clustering runs,
/// training jobs. Each run is an opaque JSON body the owning stage encodes, plus the fields the store itself
/// needs (kind, id, state, timestamps).
///
/// Implemented by ``InMemoryRunStore`` and the SQLite store; checked by the same conformance suite.
package protocol RunStore: Sendable {
    /// Creates or replaces the run with `run.kind` and `run.id`.
    func save(_ run: StoredRun) async throws

    /// Saves `run` as a new run, atomically even when several processes share the store: under `run.id`, or the
    /// first free one of `run.id-2`, `run.id-3`, ...; but when `run.idempotencyKey` is set and a run of the same kind
    /// in one of `activeStates` carries that key, saves nothing and returns that run instead (`created` false).
    func create(_ run: StoredRun, activeStates: [String]) async throws -> (run: StoredRun, created: Bool)

    /// The run of `kind` with `id`, or `nil`.
    func run(kind: String, id: String) async throws -> StoredRun?

    /// Runs of `kind`, newest first, at most `limit`.
    func runs(kind: String, limit: Int) async throws -> [StoredRun]

    /// Marks every run of `kind` in one of `states` whose lease has ended by `time` (or that has none) as `newState`
    /// (e.g. jobs whose process stopped become `interrupted`), returning how many changed. Runs a live owner keeps
    /// leasing are left alone, so a process starting beside another one does not take the other's jobs.
    func markRuns(kind: String, in states: [String], as newState: String, at time: Date) async throws -> Int

    /// Extends the lease of `owner`'s runs of `kind` in one of `states` to `until`, and sets their `updatedAt` to
    /// `time` (the heartbeat of a process still working on them).
    /// - Returns: The ids of the runs renewed; a run the owner works on that is missing was ended elsewhere (e.g.
    ///   cancelled through another process).
    func renewLeases(
        kind: String, owner: String, in states: [String], until: Date, at time: Date
    ) async throws
        -> [String]

    /// Takes the oldest run of `kind` in `state` (ties by id) and moves it to `newState`, owned by `owner` with a lease
    /// until `until`, atomically: each waiting run goes to exactly one of the workers sharing the store (PostgreSQL:
    /// `FOR UPDATE SKIP LOCKED`, so workers do not wait on each other).
    func claim(
        kind: String, in state: String, as newState: String, owner: String, until: Date, at time: Date
    )
        async throws -> StoredRun?

    /// Replaces the run with `run.kind` and `run.id` only while it is in one of `states` and, when `owner` is given,
    /// still owned by it: a worker's last save cannot undo another process's cancel, nor a cancel an ending.
    /// - Returns: Whether it was replaced.
    func replace(_ run: StoredRun, ifIn states: [String], ownedBy owner: String?) async throws -> Bool
}

/// One stored run: an id within a kind, a state, and the stage's JSON body.
package struct StoredRun: Sendable, Hashable {
    /// The stage that owns it, e.g. `clustering` or `training_job`.
    package var kind: String
    package var id: String
    /// The stage's own state name, e.g. `running`, `succeeded`.
    package var state: String
    package var createdAt: Date
    package var updatedAt: Date
    /// The stage's JSON encoding of the run.
    package var body: Data
    /// The process working on the run (``RunOwner``), while it is active.
    package var owner: String?
    /// Until when ``owner`` vouches for the run; after that, another process may mark it interrupted.
    package var leaseExpiresAt: Date?
    /// Identical submissions carry the same key, so they map to one active run (``RunStore/create(_:activeStates:)``).
    package var idempotencyKey: String?

    package init(
        kind: String, id: String, state: String, createdAt: Date, updatedAt: Date, body: Data, owner: String? = nil,
        leaseExpiresAt: Date? = nil, idempotencyKey: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.body = body
        self.owner = owner
        self.leaseExpiresAt = leaseExpiresAt
        self.idempotencyKey = idempotencyKey
    }
}

extension StoredRun {
    /// Whether an owner still vouches for the run at `time`.
    package func isLeased(at time: Date) -> Bool {
        guard let expiry = self.leaseExpiresAt else { return false }
        return expiry > time
    }
}

/// Runs in memory, for tests and single-process use.
package actor InMemoryRunStore: RunStore {
    private var runsByKey: [String: StoredRun] = [:]

    package init() {}

    package func save(_ run: StoredRun) {
        self.runsByKey[Self.key(run.kind, run.id)] = run
    }

    package func create(_ run: StoredRun, activeStates: [String]) -> (run: StoredRun, created: Bool) {
        if let key = run.idempotencyKey,
            let existing = self.runsByKey.values.first(where: {
                $0.kind == run.kind && $0.idempotencyKey == key && activeStates.contains($0.state)
            })
        {
            return (existing, false)
        }
        var created = run
        var counter = 1
        while self.runsByKey[Self.key(run.kind, created.id)] != nil {
            counter += 1
            created.id = "\(run.id)-\(counter)"
        }
        self.runsByKey[Self.key(run.kind, created.id)] = created
        return (created, true)
    }

    package func run(kind: String, id: String) -> StoredRun? {
        self.runsByKey[Self.key(kind, id)]
    }

    package func runs(kind: String, limit: Int) -> [StoredRun] {
        Array(
            self.runsByKey.values.filter { $0.kind == kind }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                .prefix(max(limit, 0)))
    }

    package func markRuns(kind: String, in states: [String], as newState: String, at time: Date) -> Int {
        var changed = 0
        for (key, run) in self.runsByKey
        where run.kind == kind && states.contains(run.state) && !run.isLeased(at: time) {
            var updated = run
            updated.state = newState
            updated.updatedAt = time
            self.runsByKey[key] = updated
            changed += 1
        }
        return changed
    }

    package func renewLeases(
        kind: String, owner: String, in states: [String], until: Date, at time: Date
    )
        -> [String]
    {
        var renewed: [String] = []
        for (key, run) in self.runsByKey where run.kind == kind && run.owner == owner && states.contains(run.state) {
            var updated = run
            updated.leaseExpiresAt = until
            updated.updatedAt = time
            self.runsByKey[key] = updated
            renewed.append(run.id)
        }
        return renewed
    }

    package func claim(
        kind: String, in state: String, as newState: String, owner: String, until: Date, at time: Date
    )
        -> StoredRun?
    {
        let waiting = self.runsByKey.values.filter { $0.kind == kind && $0.state == state }
        guard var oldest = waiting.min(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) else { return nil }
        oldest.state = newState
        oldest.owner = owner
        oldest.leaseExpiresAt = until
        oldest.updatedAt = time
        self.runsByKey[Self.key(kind, oldest.id)] = oldest
        return oldest
    }

    package func replace(_ run: StoredRun, ifIn states: [String], ownedBy owner: String?) -> Bool {
        guard let current = self.runsByKey[Self.key(run.kind, run.id)], states.contains(current.state),
            owner == nil || current.owner == owner
        else { return false }
        self.runsByKey[Self.key(run.kind, run.id)] = run
        return true
    }

    private static func key(_ kind: String, _ id: String) -> String { kind + "\u{0}" + id }
}
