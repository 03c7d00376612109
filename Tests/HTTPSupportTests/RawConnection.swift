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

extension RawConnection {
    /// Runs `body` with the port of a live service (a real server on a free port) with `configuration` and
    /// `routes`. `body` runs on a thread of its own, as blocking socket calls must: on the cooperative pool (two
    /// threads on two cores) they would starve the server's own tasks.
    static func withLiveService(
        _ configuration: ServiceConfiguration, service: ServiceKind = .ranker, routes: ServiceRoutes = .none,
        _ body: @escaping @Sendable (Int) throws -> Void
    ) async throws {
        let app = buildApplication(
            service: service, configuration: configuration, routes: routes, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                Thread { continuation.resume(with: Result { try body(port) }) }.start()
            }
        }
    }
}
