/// A counting semaphore for tasks: at most `permits` holders at once, waiters served first come, first served.
///
/// Waiting suspends the task (no polling). A waiter whose task is cancelled leaves the queue and throws
/// `CancellationError`; a permit it had already been handed is kept by it (its caller then releases it as usual),
/// so permits are never lost.
package actor AsyncSemaphore {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Permits not currently held.
    private var available: Int
    /// Suspended acquirers, oldest first.
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0

    /// Creates a semaphore with `permits` permits.
    ///
    /// - Precondition: `permits >= 1` (a programmer error otherwise).
    package init(permits: Int) {
        precondition(permits >= 1, "a semaphore needs at least one permit")
        self.available = permits
    }

    /// Permits not currently held (for tests and metrics).
    package var availablePermits: Int { self.available }

    /// Tasks currently waiting for a permit.
    package var waitingCount: Int { self.waiters.count }

    /// Takes a permit, waiting in FIFO order when none is free.
    ///
    /// - Throws: `CancellationError` when the task is cancelled before it gets a permit.
    /// - Complexity: O(1) when a permit is free; a cancelled waiter costs O(waiters) to remove.
    package func acquire() async throws {
        try Task.checkCancellation()
        if self.available > 0 {
            self.available -= 1
            return
        }
        let id = self.nextWaiterID
        self.nextWaiterID &+= 1
        try await withTaskCancellationHandler {
            // Runs on this actor without suspending before the waiter is queued, so `cancelWaiter` (which has to
            // hop onto the actor) always finds it queued or already served.
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    self.waiters.append(Waiter(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            // The handler runs synchronously outside the actor; removing the waiter needs the actor, so hop there.
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Returns a permit, handing it straight to the oldest waiter if there is one.
    ///
    /// - Complexity: O(waiters) (the queue is a small array).
    package func release() {
        if self.waiters.isEmpty {
            self.available += 1
        } else {
            let waiter = self.waiters.removeFirst()
            waiter.continuation.resume()
        }
    }

    /// Runs `body` while holding a permit, and releases it however `body` ends.
    ///
    /// - Throws: `CancellationError` when cancelled while waiting, or whatever `body` throws.
    package nonisolated func withPermit<Value: Sendable>(
        _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        try await self.acquire()
        do {
            let value = try await body()
            await self.release()
            return value
        } catch {
            await self.release()
            throw error
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = self.waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = self.waiters.remove(at: index)
        waiter.continuation.resume(throwing: CancellationError())
    }
}
