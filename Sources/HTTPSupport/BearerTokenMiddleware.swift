import Hummingbird

/// Requires `Authorization: Bearer <token>` on every route but `/health` when the service has a token
/// (`KAIZEN_API_TOKEN`); anything else gets 401 with `WWW-Authenticate: Bearer`.
///
/// The token is compared in constant time (the time depends on the expected token's length only), so the answer's
/// timing does not tell a caller how much of a guess was right. `/health` stays open for load balancers and probes.
package struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    package init(token: String) {
        self.token = Array(token.utf8)
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.path == "/health" { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            return try Self.unauthorized("this service needs a token: send Authorization: Bearer <KAIZEN_API_TOKEN>")
        }
        let scheme = header.prefix { $0 != " " }
        let given = header.dropFirst(scheme.count).drop { $0 == " " }
        guard scheme.lowercased() == "bearer", Self.equalInConstantTime(Array(given.utf8), self.token) else {
            return try Self.unauthorized("the bearer token is not this service's token")
        }
        return try await next(request, context)
    }

    /// A 401 in Kaizen's error shape that names the scheme the caller must use.
    static func unauthorized(_ detail: String) throws -> Response {
        var response = try ErrorBody(detail: detail).response(status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }

    /// Whether `given` equals `expected`, looking at every byte of `expected` whatever `given` is.
    package static func equalInConstantTime(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
