import Synchronization

/// The instructions already found in recent prompts, shared by concurrent simulator calls. At most `capacity`
/// prompts are kept; when full it starts over, so a long-running service cannot grow it without bound.
final class DetectionMemo: Sendable {
    private let found = Mutex<[String: [String]]>([:])
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    subscript(prompt: String) -> [String]? {
        get { self.found.withLock { $0[prompt] } }
        set {
            self.found.withLock { found in
                if found.count >= self.capacity { found.removeAll(keepingCapacity: true) }
                found[prompt] = newValue
            }
        }
    }
}
