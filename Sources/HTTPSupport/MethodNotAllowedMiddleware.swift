import Experiences
import Hummingbird

/// Answers a known path asked with a method it does not serve (`TRACE /api/v1/cluster`) with 405 and `Allow`, as
/// HTTP says, instead of the router's 404, which would say the path does not exist.
///
/// The paths and methods are the service's OpenAPI document's, so they are the ones the router serves.
package struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A documented path as segments (`nil` for a `{parameter}`) and the methods it serves, upper case.
    let routes: [(segments: [Substring?], methods: [String])]

    /// - Parameter document: The service's OpenAPI document.
    package init(document: JSONValue) {
        let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        guard case .object(let members) = document, case .object(let paths)? = members["paths"] else {
            self.routes = []
            return
        }
        self.routes = paths.map { path, item in
            let segments = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : $0 }
            guard case .object(let operations) = item else { return (segments, []) }
            return (segments, methods.filter { operations[$0] != nil }.map { $0.uppercased() })
        }
    }

    /// Checked before the rest of the chain, so a wrong method is 405 whatever else is wrong with the request (a
    /// `PUT` without a JSON body is a wrong method, not a wrong media type); an undocumented path goes on to the
    /// router's 404.
    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        let segments = path.split(separator: "/")
        if !self.anyRouteServes(method, segments), let allowed = self.methods(for: segments), !allowed.isEmpty {
            throw MethodNotAllowed(method: method, path: path, allowed: allowed)
        }
        return try await next(request, context)
    }

    /// Whether a documented path matching the path's `segments` serves `method`: the usual case, checked without
    /// building the list of allowed methods, which only a refusal needs.
    func anyRouteServes(_ method: String, _ segments: [Substring]) -> Bool {
        self.routes.contains { route in
            Self.matches(route.segments, segments) && Self.serves(method, route.methods)
        }
    }

    static func matches(_ pattern: [Substring?], _ segments: [Substring]) -> Bool {
        pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0 == nil || $0 == $1 }
    }

    /// Whether a path serving `allowed` answers `method`; Hummingbird answers `HEAD` wherever it answers `GET`.
    static func serves(_ method: String, _ allowed: [String]) -> Bool {
        allowed.contains(method) || (method == "HEAD" && allowed.contains("GET"))
    }

    /// The methods the documented path matching the path's `segments` serves, or `nil` when no documented path
    /// matches.
    func methods(for segments: [Substring]) -> [String]? {
        let matching = self.routes.filter { Self.matches($0.segments, segments) }
        guard !matching.isEmpty else { return nil }
        return Array(Set(matching.flatMap(\.methods))).sorted()
    }
}

/// A method the path does not serve: 405, with the methods it does serve in `Allow`.
package struct MethodNotAllowed: DetailedHTTPError, Sendable, Equatable {
    package var method: String
    package var path: String
    package var allowed: [String]

    package var status: HTTPResponse.Status { .methodNotAllowed }

    package var detail: String {
        "method \(self.method.echoed(limit: 20)) is not allowed on \(self.path.echoed()); use \(self.allowed.joined(separator: " or "))"
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try ErrorBody(detail: self.detail).response(status: self.status)
        response.headers[.allow] = self.allowed.joined(separator: ", ")
        return response
    }
}
