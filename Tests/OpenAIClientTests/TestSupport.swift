import Logging
import Synchronization

/// A "random" generator that always returns the same value, so backoff waits are exact in tests.
/// `1 << 63` gives the unit value 0.5.
struct FixedGenerator: RandomNumberGenerator, Sendable {
    var value: UInt64 = 1 << 63

    mutating func next() -> UInt64 { self.value }
}

/// A sleep that returns at once and records the durations it was asked to wait.
final class SleepRecorder: Sendable {
    private let durations = Mutex<[Duration]>([])

    var recorded: [Duration] { self.durations.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in
            self.durations.withLock { $0.append(duration) }
            try Task.checkCancellation()
        }
    }
}

/// A log handler that keeps every message and its metadata, rendered as text, for assertions.
struct CapturingLogHandler: LogHandler {
    final class Store: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { self.lines.withLock { $0 } }
        func append(_ line: String) { self.lines.withLock { $0.append(line) } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        self.store.append("\(event.level) \(event.message) \(rendered)")
    }

    /// A logger writing into a fresh store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(store: store) }
        return (logger, store)
    }
}
