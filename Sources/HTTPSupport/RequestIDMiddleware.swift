import HTTPTypes
import Hummingbird

/// Echoes the request id that Hummingbird puts in every request's logger (`hb.request.id`) as `x-request-id`,
/// so a caller can find the log lines of its request.
package struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if let name = HTTPField.Name("x-request-id") {
            response.headers[name] = context.id
        }
        return response
    }
}
