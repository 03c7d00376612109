import Foundation
import HTTPSupport
import NIOCore

/// Names the port when a service cannot bind: the server's own error ("bind(descriptor:ptr:bytes:): Address already
/// in use (errno: 98)") says neither which port nor which service, and under `serve all` there are four.
enum PortInUse {
    /// Whether `error` is a bind that failed because the address is taken.
    static func matches(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == EADDRINUSE
    }

    /// The one-line error for a failed start: the addresses that cannot be bound now (the other services have
    /// stopped by then, so a port still taken is held by another program).
    static func failure(_ services: [(kind: ServiceKind, configuration: ServiceConfiguration)]) -> CommandFailure {
        var busy = services.filter { !Self.canBind(host: $0.configuration.host, port: $0.configuration.port) }
        if busy.isEmpty, services.count == 1 { busy = services }
        guard !busy.isEmpty else {
            return CommandFailure("a port was already in use while the services started; run the command again")
        }
        let named = busy.map { "port \($0.configuration.port) on \($0.configuration.host) (\($0.kind.rawValue))" }
        let verb = busy.count == 1 ? "is" : "are"
        // One service reads --port or KAIZEN_HTTP_PORT; under `serve all` each reads its own variable only.
        let remedy =
            services.count == 1
            ? "choose another port with --port or KAIZEN_HTTP_PORT"
            : "choose another port with "
                + busy.map { SettingsCheck.variable(for: $0.kind.configKey + ".port") + "=PORT" }
                .joined(separator: " and ")
        return CommandFailure(
            named.joined(separator: ", ") + " \(verb) already in use, perhaps by another `kaizen serve`; "
                + "stop that program, or \(remedy)")
    }

    /// Whether a listening socket can bind `host:port` now (with `SO_REUSEADDR`, as the server binds).
    static func canBind(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return true }
        defer { freeaddrinfo(first) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        return bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 || errno != EADDRINUSE
    }
}
