import ConcurrencyLimits
import Foundation
import Testing

/// ``OwnThread`` runs work on a thread of its own and hands back its result or its error. That a service keeps
/// answering `/health` while clusterings run was measured against the running service (the commit that added it);
/// a unit test could not reproduce the starvation that `DispatchQueue.global()` caused there.
struct OwnThreadTests {
    @Test func theResultComesBackFromAnotherThread() async throws {
        let (value, onMainThread) = try await OwnThread.run { (21 * 2, Thread.isMainThread) }
        #expect(value == 42 && !onMainThread)
    }

    @Test func errorsAreRethrown() async throws {
        struct Failure: Error {}
        await #expect(throws: Failure.self) { try await OwnThread.run { throw Failure() } }
    }
}
