import Experiences
import Foundation
import PostgresNIO
import PostgresStore
import Testing

/// A store operation ends within the address's timeout even when its statement waits on the server (for a lock
/// another session holds): such a statement cannot be abandoned from the client, so the server ends it.
///
/// The lock is held until the operation returns, so without the server's timeout the test would wait until its time
/// limit. The limits are loose: on a slow CI machine, with every suite running beside it on two cores, this test once
/// took longer than 2 minutes to finish (which step was slow was not recorded).
@Suite(
    .enabled(if: PostgresTestDatabase.shouldRun, Comment(rawValue: PostgresTestDatabase.skipNote)),
    .timeLimit(.minutes(10)))
struct PostgresStatementTimeoutTests {
    @Test func aStatementWaitingForALockEndsAtTheTimeoutWithOneClearLine() async throws {
        let migrated = try PostgresTestDatabase.freshAddress()
        let address = {
            var address = migrated
            address.timeout = 2
            return address
        }()
        let schema = try #require(address.schema)
        // The schema is made first, at the default timeout: the whole test suite on two cores may take longer than
        // 2 s for that.
        let maker = PostgresExperienceStore(url: migrated, logger: PostgresTestDatabase.logger)
        let store = PostgresExperienceStore(url: address, logger: PostgresTestDatabase.logger)
        let outcome = await keepingError {
            _ = try await maker.runs(kind: "job", limit: 1)
            try await PostgresTestDatabase.withAdmin(address) { admin in
                try await admin.withTransaction(logger: PostgresTestDatabase.logger) { locked in
                    try await locked.query(
                        PostgresQuery(unsafeSQL: "LOCK TABLE \(schema).run IN ACCESS EXCLUSIVE MODE"),
                        logger: PostgresTestDatabase.logger)
                    let started = ContinuousClock.now
                    let error = await #expect(throws: StoreUnavailable.self) {
                        try await store.runs(kind: "job", limit: 1)
                    }
                    #expect(ContinuousClock.now - started < .seconds(300))
                    // A loaded machine may add that this process noticed the timeout late.
                    #expect(
                        error?.description.hasPrefix(
                            "PostgreSQL at \(address.displayName) did not answer within 2 s; check "
                                + "that the server is running and the address is right") == true)
                }
            }
        }
        await maker.close()
        await store.close()
        try await PostgresMigrationLockTests.drop([schema], address: address)
        try outcome.get()
    }
}
