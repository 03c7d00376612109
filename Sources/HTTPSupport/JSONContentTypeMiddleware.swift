import Foundation
import Hummingbird

/// Answers 415 to a request that carries a body (`POST`, `PUT`, `PATCH`) in anything but `application/json`.
///
/// Every Kaizen route that takes a body takes JSON. Requiring the JSON type also keeps browsers' "simple" cross-site
/// requests out (a form or `text/plain` post needs no preflight; an `application/json` one does).
package struct JSONContentTypeMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard [.post, .put, .patch].contains(request.method) else { return try await next(request, context) }
        let contentType = request.headers[.contentType]
        guard let contentType, Self.isJSON(contentType) else {
            let given = contentType.map { "'\($0)'" } ?? "none"
            throw APIError(
                .unsupportedMediaType, "send the body as JSON with Content-Type: application/json (got \(given))")
        }
        return try await next(request, context)
    }

    /// Whether `contentType` is `application/json`, with or without parameters (`; charset=utf-8`), in any case.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
}
