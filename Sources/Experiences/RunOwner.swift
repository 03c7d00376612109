import Foundation

/// Who is working on a run: the host, the process id and a random instance id, so two instances in one process,
/// two processes on one host and two hosts with the same process id are all told apart.
package enum RunOwner {
    /// A fresh owner name for one instance, e.g. `trainer-1.internal:4711:9f3c2a1be07d44c1`.
    package static func make() -> String {
        let instance = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let padded = String(repeating: "0", count: 16 - instance.count) + instance
        return "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(padded)"
    }
}
