import Foundation

/// Runs long CPU-bound work on a thread of its own, outside the pools that serve requests.
///
/// On Linux, Swift's cooperative pool is libdispatch's global queue, one thread per core, and so is
/// `DispatchQueue.global()`: two clusterings of a few seconds each left on either took every thread on two cores,
/// and no task ran meanwhile, so `/health` and every route of every service in the process stopped answering until
/// they finished. A thread of its own is scheduled by the kernel beside the pool's, so requests keep being served
/// (more slowly while the cores are busy).
package enum OwnThread {
    /// Runs `work` on a new thread and returns its result; a thrown error is rethrown. The work is not cancelled
    /// with the calling task: it checks its own stop flag (``FailureClustering``'s `ClusteringStop`, say).
    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.name = "kaizen-work"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
