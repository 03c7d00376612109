import Foundation
import HTTPTypes
import Hummingbird

/// Answers 403 to a request from a web page of another origin (a foreign `Origin`) or addressed to a name the service
/// was not bound to (a foreign `Host`, as after DNS rebinding), so a browser cannot be made to drive the services.
///
/// Accepted hosts: loopback (`localhost`, `127.x.x.x`, `::1`), the bound host, and ``ServiceConfiguration``'s extra
/// allowed hosts (the names a load balancer or DNS gives the service). A service bound to every interface
/// (`0.0.0.0`, `::`) cannot know its names, so it accepts any `Host`; such a service must run with a token (`kaizen
/// serve` refuses otherwise), which a browser does not have. An `Origin` passes when it is the request's own origin
/// (its host, loopback standing for loopback, and its port, the scheme's default when none is written), or names one
/// of the extra allowed hosts (whose ports a load balancer may map, so they are not compared). So a page served on
/// another port of the same machine (`http://localhost:3000`) is another site, as a browser counts it. Requests
/// without `Origin` or `Host` (command-line clients) pass.
package struct SameHostMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Lowercased host names accepted besides loopback.
    let allowedHosts: Set<String>
    /// The names an operator allowed (``ServiceConfiguration/allowedHosts``), lowercased: their origins pass on any port.
    let operatorHosts: Set<String>
    /// Whether the service listens on every interface.
    let boundToEveryInterface: Bool
    /// The port the service listens on, for a request that names no host.
    let port: Int

    package init(configuration: ServiceConfiguration) {
        let bound = Self.hostName(configuration.host)
        self.boundToEveryInterface = ["0.0.0.0", "::", ""].contains(bound)
        self.operatorHosts = Set(configuration.allowedHosts.map(Self.hostName))
        self.allowedHosts = self.operatorHosts.union([bound])
        self.port = configuration.port
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // The server moves `Host` into the authority; a test router sets its own authority and keeps the header.
        let authorities = [request.head.authority].compactMap { $0 } + request.headers[values: hostFieldName]
        let hosts = authorities.map { Self.hostName(Self.dropPort($0)) }
        if !self.boundToEveryInterface, let foreign = hosts.first(where: { !self.accepts($0) }) {
            throw APIError(
                .forbidden,
                "Host '\(foreign)' is not this service's address; call it by its bound address or a loopback name")
        }
        if let origin = request.headers[.origin], !self.acceptsOrigin(origin, authority: authorities.last) {
            throw APIError(.forbidden, "cross-site requests are refused (Origin '\(origin)')")
        }
        return try await next(request, context)
    }

    /// Whether `origin` is the request's own origin (`authority` is its `Host`; without one, this service on
    /// loopback) or an operator's allowed host.
    func acceptsOrigin(_ origin: String, authority: String?) -> Bool {
        guard let url = URL(string: origin), let scheme = url.scheme?.lowercased(), let rawHost = url.host else {
            return false
        }
        let originHost = Self.hostName(rawHost)
        if self.operatorHosts.contains(originHost) { return true }
        let defaultPort = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        guard let defaultPort, self.accepts(originHost) || self.boundToEveryInterface else { return false }
        let originPort = url.port ?? defaultPort
        guard let authority else { return Self.isLoopback(originHost) && originPort == self.port }
        let host = Self.hostName(Self.dropPort(authority))
        let sameHost = host == originHost || (Self.isLoopback(host) && Self.isLoopback(originHost))
        return sameHost && originPort == (Self.port(of: authority) ?? defaultPort)
    }

    func accepts(_ host: String) -> Bool {
        Self.isLoopback(host) || self.allowedHosts.contains(host)
    }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        guard host.hasPrefix("127.") else { return false }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `host` lowercased, without IPv6 brackets or a trailing dot.
    static func hostName(_ host: String) -> String {
        // Nearly every request names its host in lower case letters, digits, dots and hyphens: no copy to make.
        if host.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
        ) {
            return host.utf8.last == 0x2E ? String(host.dropLast()) : host
        }
        var name = host.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// The port `authority` (`host:port`, `[v6]:port`, `host`) names, if any.
    static func port(of authority: String) -> Int? {
        let host = Self.dropPort(authority)
        guard authority.count > host.count, authority.dropFirst(host.count).first == ":" else { return nil }
        return Int(authority.dropFirst(host.count + 1))
    }

    /// `authority` (`host:port`, `[v6]:port`, `host`) without its port.
    static func dropPort(_ authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        if let colon = authority.utf8.firstIndex(of: 0x3A),
            !authority.utf8[authority.utf8.index(after: colon)...].contains(0x3A)
        {
            return String(authority[..<colon])
        }
        return authority
    }
}

/// `Host`, which HTTPTypes keeps out of its named fields (it is the authority), though a header can carry it. Made
/// once: ``SameHostMiddleware`` reads it on every request, and a generic type cannot keep a static one.
private let hostFieldName = HTTPField.Name("Host")!
