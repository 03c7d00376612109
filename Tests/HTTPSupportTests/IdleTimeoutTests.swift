import Configuration
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connection that never finishes its request head (slowloris: 3,000 such connections were all held for 70 s and
/// more) is closed after ``ServiceConfiguration/idleTimeout``; one that sends its request in time is answered.
struct IdleTimeoutTests {
    /// A blocking TCP connection to `127.0.0.1:port` whose reads give up after `readTimeout` seconds.
    struct RawConnection {
        let socket: Int32

        init(port: Int, readTimeout: Int) throws {
            #if canImport(Glibc)
            self.socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            self.socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
            #endif
            try #require(self.socket >= 0)
            var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
            setsockopt(self.socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(self.socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            try #require(connected == 0)
        }

        func send(_ text: String) {
            _ = text.utf8CString.withUnsafeBufferPointer { bytes in
                #if canImport(Glibc)
                Glibc.send(self.socket, bytes.baseAddress, bytes.count - 1, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(self.socket, bytes.baseAddress, bytes.count - 1, 0)
                #endif
            }
        }

        /// What the server sent until it closed the connection or the read timed out, and whether it closed it.
        func readUntilClosed() -> (text: String, closed: Bool) {
            var received = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(self.socket, &buffer, buffer.count, 0)
                if count > 0 {
                    received += buffer[..<count]
                    continue
                }
                return (String(decoding: received, as: UTF8.self), count == 0)
            }
        }

        func close() {
            #if canImport(Glibc)
            _ = Glibc.close(self.socket)
            #else
            _ = Darwin.close(self.socket)
            #endif
        }
    }

    static func withLiveService(idleTimeout: Double, _ body: @escaping @Sendable (Int) throws -> Void) async throws {
        let app = buildApplication(
            service: .ranker, configuration: ServiceConfiguration(service: .ranker, port: 0, idleTimeout: idleTimeout),
            logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Blocking socket calls run on a thread of their own: on the cooperative pool (two threads on two cores)
            // they would starve the server's own tasks.
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                Thread { continuation.resume(with: Result { try body(port) }) }.start()
            }
        }
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
        try await Self.withLiveService(idleTimeout: 1) { port in
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
