import ConcurrencyLimits
import Foundation
import Synchronization
import Testing

struct BoundedConcurrencyTests {
    @Test func keepsTheWindowFullAndTheOrder() async throws {
        let inFlight = Mutex((current: 0, peak: 0))
        let results = try await BoundedConcurrency.map(count: 40, maxConcurrency: 6) { index in
            inFlight.withLock {
                $0.current += 1
                $0.peak = max($0.peak, $0.current)
            }
            // Uneven durations so completions arrive out of order.
            try await Task.sleep(for: .milliseconds(1 + (index * 7) % 5))
            inFlight.withLock { $0.current -= 1 }
            return index * index
        }
        #expect(results == (0..<40).map { $0 * $0 })
        #expect(inFlight.withLock { $0.peak } == 6)
    }

    @Test func slidingWindowIsNotWaves() async throws {
        // Call 0 holds its slot until the 39 others have finished. With a sliding window of 4 they do, through the
        // three other slots; in waves, call 0's wave would never end and the others would never start.
        let finished = Mutex(0)
        let sawOthersFinish = try await BoundedConcurrency.map(count: 40, maxConcurrency: 4) { index -> Bool in
            guard index == 0 else {
                finished.withLock { $0 += 1 }
                return true
            }
            for _ in 0..<5_000 {
                if finished.withLock({ $0 }) == 39 { return true }
                try await Task.sleep(for: .milliseconds(1))
            }
            return false
        }
        #expect(sawOthersFinish[0], "the other calls did not run beside the held one")
    }

    @Test func firstErrorPropagates() async {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            _ = try await BoundedConcurrency.map(count: 10, maxConcurrency: 3) { index in
                if index == 4 { throw Boom() }
                return index
            }
        }
    }
}
