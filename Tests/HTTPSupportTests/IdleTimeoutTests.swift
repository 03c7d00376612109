import Configuration
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A connection that never finishes its request head (slowloris: 3,000 such connections were all held for 70 s and
/// more) is closed after ``ServiceConfiguration/idleTimeout``; one that sends its request in time is answered.
struct IdleTimeoutTests {
    static func withLiveService(idleTimeout: Double, _ body: @escaping @Sendable (Int) throws -> Void) async throws {
        try await RawConnection.withLiveService(
            ServiceConfiguration(service: .ranker, port: 0, idleTimeout: idleTimeout), body)
    }

    @Test func aRequestHeadThatNeverEndsIsCutOff() async throws {
        try await Self.withLiveService(idleTimeout: 1) { port in
            let connection = try RawConnection(port: port, readTimeout: 30)
            defer { connection.close() }
            let started = ContinuousClock.now
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            let (text, closed) = connection.readUntilClosed()
            let waited = ContinuousClock.now - started
            #expect(closed, "the server still held the connection after \(waited)")
            #expect(waited < .seconds(25), "closed only after \(waited)")
            #expect(!text.contains("200 OK"), "an unfinished request was answered: \(text)")
        }
    }

    @Test func aRequestSentInTimeIsAnswered() async throws {
        try await Self.withLiveService(idleTimeout: 10) { port in
            let connection = try RawConnection(port: port, readTimeout: 30)
            defer { connection.close() }
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let (text, _) = connection.readUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 200 OK"), "\(text.prefix(200))")
        }
    }

    @Test func theTimeoutIsReadFromTheConfiguration() {
        let reader = ConfigReader(provider: InMemoryProvider(values: ["http.idleTimeout": 2.5]))
        #expect(ServiceConfiguration(service: .ranker, reader: reader).idleTimeout == 2.5)
        let empty = ConfigReader(provider: InMemoryProvider(values: [:]))
        #expect(ServiceConfiguration(service: .ranker, reader: empty).idleTimeout == 30)
        #expect(ServiceConfiguration(service: .ranker).idleTimeout == ServiceConfiguration.defaultIdleTimeout)
        #expect(ServiceConfiguration(service: .ranker, idleTimeout: 5).idleTimeout == 5)
        #expect(ServiceConfiguration(service: .ranker, idleTimeout: -1).idleTimeout == 30)
        #expect(ServiceConfiguration(service: .ranker, idleTimeout: .nan).idleTimeout == 30)
    }
}
