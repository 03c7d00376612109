import Experiences
import Foundation
import HTTPSupport
import Hummingbird
import Synchronization
import Testing

/// A `POST` whose client goes away has its work cancelled (the work went on after the clients left before); a
/// request whose client stays is answered, also twice on one keep-alive connection.
struct ClientDisconnectTests {
    /// What the slow route saw.
    final class Outcomes: Sendable {
        let started = Mutex(0)
        let cancelled = Mutex(0)
        let finished = Mutex(0)
    }

    /// `POST /api/v1/slow` works for `seconds` (cancellably) and answers `{}`.
    static func routes(_ outcomes: Outcomes, seconds: Double) -> ServiceRoutes {
        ServiceRoutes(
            paths: [
                "/api/v1/slow": [
                    "post": ["operationId": "slow", "responses": ["200": ["description": "Done"]]]
                ]
            ],
            register: { router in
                router.post("api/v1/slow") { _, _ -> String in
                    outcomes.started.withLock { $0 += 1 }
                    do {
                        try await Task.sleep(for: .seconds(seconds))
                    } catch {
                        outcomes.cancelled.withLock { $0 += 1 }
                        throw error
                    }
                    outcomes.finished.withLock { $0 += 1 }
                    return "{}"
                }
            })
    }

    static let request =
        "POST /api/v1/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

    /// Waits up to `seconds` for `condition`.
    static func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test func theWorkOfAClientThatLeftIsCancelled() async throws {
        let outcomes = Outcomes()
        try await RawConnection.withLiveService(
            ServiceConfiguration(service: .ranker, port: 0), routes: Self.routes(outcomes, seconds: 60)
        ) { port in
            let connection = try RawConnection(port: port, readTimeout: 90)
            connection.send(Self.request)
            #expect(Self.waitFor(seconds: 60) { outcomes.started.withLock { $0 } == 1 })
            connection.close()
            #expect(
                Self.waitFor(seconds: 60) { outcomes.cancelled.withLock { $0 } == 1 },
                "the work went on after its client left")
            #expect(outcomes.finished.withLock { $0 } == 0)
        }
    }

    @Test func aClientThatWaitsIsAnsweredTwiceOnOneConnection() async throws {
        let outcomes = Outcomes()
        try await RawConnection.withLiveService(
            ServiceConfiguration(service: .ranker, port: 0), routes: Self.routes(outcomes, seconds: 0.05)
        ) { port in
            let connection = try RawConnection(port: port, readTimeout: 90)
            defer { connection.close() }
            connection.send(Self.request)
            connection.send(Self.request.replacingOccurrences(of: "Host:", with: "Connection: close\r\nHost:"))
            let (text, _) = connection.readUntilClosed()
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(text.prefix(400))")
            #expect(outcomes.finished.withLock { $0 } == 2)
            #expect(outcomes.cancelled.withLock { $0 } == 0)
        }
    }
}
