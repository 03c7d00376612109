import Foundation
import Hummingbird

/// The body of every error answer, as FastAPI writes it: `{"detail": "..."}`.
package struct ErrorBody: Codable, Sendable, ResponseEncodable {
    package var detail: String

    package init(detail: String) {
        self.detail = detail
    }

    /// The answer with this body and `status`, encoded the same way whatever the request context.
    package func response(status: HTTPResponse.Status) throws -> Response {
        let data = try JSONEncoder().encode(self)
        return Response(
            status: status,
            headers: [.contentType: jsonContentType, .contentLength: String(data.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// The `Content-Type` of every JSON answer the services write themselves rather than through a context's encoder
/// (errors, `/health`, `openapi.json`, prompt version files).
package let jsonContentType = "application/json; charset=utf-8"
