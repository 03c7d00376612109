import Hummingbird

/// Refuses request bodies larger than the configured limit with 413, before any handler reads them.
///
/// The body is collected here (Kaizen's requests are JSON documents, read whole anyway), so a streaming client
/// that lies about or omits `Content-Length` is held to the same limit.
package struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Largest accepted body in bytes.
    let limit: Int

    package init(limit: Int) {
        self.limit = limit
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > self.limit {
            throw APIError(.contentTooLarge, "request body of \(length) bytes exceeds the limit of \(self.limit) bytes")
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: self.limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "request body exceeds the limit of \(self.limit) bytes")
        }
        return try await next(request, context)
    }
}
