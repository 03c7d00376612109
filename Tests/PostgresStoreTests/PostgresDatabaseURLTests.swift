import Logging
import PostgresStore
import Testing

struct PostgresDatabaseURLTests {
    @Test func parsesEveryPart() throws {
        let url = try PostgresDatabaseURL("postgres://kai%40zen:p%2Fw@db.internal:6543/kaizen?sslmode=require")
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.username == "kai@zen")
        #expect(url.password == "p/w")
        #expect(url.database == "kaizen")
        #expect(url.sslMode == "require")
    }

    @Test func defaultsPortAndTLS() throws {
        let url = try PostgresDatabaseURL("postgresql://kaizen@127.0.0.1/kaizen")
        #expect(url.port == 5432)
        #expect(url.password == nil)
        #expect(url.sslMode == "disable")
    }

    @Test(arguments: [
        "sqlite:kaizen.sqlite", "postgres://127.0.0.1/kaizen", "postgres://u@/db", "postgres://u@h/db?sslmode=x",
    ])
    func rejectsIncompleteAddresses(_ text: String) {
        #expect(throws: PostgresStoreError.self) { try PostgresDatabaseURL(text) }
    }
}

/// The pool's background log stays quiet below `.error` unless debugging was asked for: a command's error is one line.
struct PostgresPoolLoggerTests {
    @Test func thePoolLogsErrorsUnlessDebuggingWasAskedFor() {
        for (asked, pool) in [
            (Logger.Level.info, Logger.Level.error), (.warning, .error), (.error, .error), (.critical, .critical),
            (.debug, .debug), (.trace, .trace),
        ] {
            var logger = Logger(label: "test")
            logger.logLevel = asked
            #expect(PostgresExperienceStore.poolLogger(logger).logLevel == pool, "\(asked)")
        }
    }
}
