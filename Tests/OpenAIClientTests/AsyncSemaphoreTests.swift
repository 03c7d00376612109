import OpenAIClient
import Synchronization
import Testing

struct AsyncSemaphoreTests {
    /// Counts holders and remembers the most seen at once.
    final class Gauge: Sendable {
        private let state = Mutex((current: 0, peak: 0))
        var peak: Int { self.state.withLock { $0.peak } }
        func enter() {
            self.state.withLock {
                $0.current += 1
                $0.peak = max($0.peak, $0.current)
            }
        }
        func leave() { self.state.withLock { $0.current -= 1 } }
    }

    /// Remembers the order in which tasks got through.
    final class Arrivals: Sendable {
        private let order = Mutex<[Int]>([])
        var all: [Int] { self.order.withLock { $0 } }
        func append(_ index: Int) { self.order.withLock { $0.append(index) } }
    }

    @Test func neverMoreHoldersThanPermits() async throws {
        let semaphore = AsyncSemaphore(permits: 3)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await semaphore.withPermit {
                        gauge.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.peak <= 3)
        #expect(gauge.peak >= 2)
        #expect(await semaphore.availablePermits == 3)
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        let order = Arrivals()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask {
                    try await semaphore.acquire()
                    order.append(index)
                    await semaphore.release()
                }
                // Let this waiter queue up before the next one arrives.
                while await semaphore.waitingCount < index + 1 { await Task.yield() }
            }
            await semaphore.release()
            try await group.waitForAll()
        }
        #expect(order.all == [0, 1, 2, 3, 4])
        #expect(await semaphore.availablePermits == 1)
    }

    @Test func cancelledWaiterLeavesTheQueueWithoutLosingPermits() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }
        while await semaphore.waitingCount < 1 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await semaphore.waitingCount == 0)
        await semaphore.release()
        #expect(await semaphore.availablePermits == 1)
        // The permit is still usable.
        try await semaphore.acquire()
        #expect(await semaphore.availablePermits == 0)
    }

    @Test func alreadyCancelledTaskDoesNotTakeAPermit() async throws {
        let semaphore = AsyncSemaphore(permits: 2)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await semaphore.acquire()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await semaphore.availablePermits == 2)
    }
}
