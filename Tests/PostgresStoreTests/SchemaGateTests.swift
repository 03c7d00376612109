import PostgresStore
import Testing

/// A store's first operations share one migration; a failed one is tried again by the next operation. Needs no server.
struct SchemaGateTests {
    struct Failed: Error {}

    actor Count {
        var value = 0
        func add() { self.value += 1 }
    }

    @Test func concurrentFirstCallsShareOneMigration() async throws {
        let gate = SchemaGate()
        let migrations = Count()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await gate.ensure {
                        await migrations.add()
                        // Long enough that every call arrives while the migration runs.
                        try await Task.sleep(for: .milliseconds(300))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await gate.ensure { await migrations.add() }
        #expect(await migrations.value == 1)
    }

    @Test func aFailedMigrationIsTriedAgainByTheNextCall() async throws {
        let gate = SchemaGate()
        let migrations = Count()
        await #expect(throws: Failed.self) {
            try await gate.ensure {
                await migrations.add()
                throw Failed()
            }
        }
        try await gate.ensure { await migrations.add() }
        try await gate.ensure { await migrations.add() }
        #expect(await migrations.value == 2)
    }
}
