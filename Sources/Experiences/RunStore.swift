import Foundation

/// Where the pipeline keeps what it produced, so later stages and people can refer to it by id: clustering runs,
/// training jobs. Each run is an opaque JSON body the owning stage encodes, plus the fields the store itself
/// needs (kind, id, state, timestamps).
///
/// Implemented by ``InMemoryRunStore`` and the SQLite store; checked by the same conformance suite.
package protocol RunStore: Sendable {
    /// Creates or replaces the run with `run.kind` and `run.id`.
    func save(_ run: StoredRun) async throws

    /// The run of `kind` with `id`, or `nil`.
    func run(kind: String, id: String) async throws -> StoredRun?

    /// Runs of `kind`, newest first, at most `limit`.
    func runs(kind: String, limit: Int) async throws -> [StoredRun]

    /// Marks every run of `kind` in one of `states` as `newState` (e.g. jobs that were running when the process
    /// stopped become `interrupted`), returning how many changed.
    func markRuns(kind: String, in states: [String], as newState: String, at time: Date) async throws -> Int
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

    package init(kind: String, id: String, state: String, createdAt: Date, updatedAt: Date, body: Data) {
        self.kind = kind
        self.id = id
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.body = body
    }
}

/// Runs in memory, for tests and single-process use.
package actor InMemoryRunStore: RunStore {
    private var runsByKey: [String: StoredRun] = [:]

    package init() {}

    package func save(_ run: StoredRun) {
        self.runsByKey[Self.key(run.kind, run.id)] = run
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
        for (key, run) in self.runsByKey where run.kind == kind && states.contains(run.state) {
            var updated = run
            updated.state = newState
            updated.updatedAt = time
            self.runsByKey[key] = updated
            changed += 1
        }
        return changed
    }

    private static func key(_ kind: String, _ id: String) -> String { kind + "\u{0}" + id }
}
