import Experiences
import Foundation
import Hummingbird
import Logging

/// Turns every error into a JSON answer `{"detail": "..."}` with the right status.
///
/// - ``APIError`` and Hummingbird's `HTTPError` keep their status and message (404 for unknown routes,
///   413 for large bodies, ...).
/// - Malformed JSON is 400; well-formed JSON of the wrong shape (a missing field, a wrong type) is 422, as FastAPI
///   answers, naming the field.
/// - Anything else is a 500 whose body says nothing about internals; the error itself is logged.
package struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, detail) = Self.classify(error)
            if status.code >= 500 {
                context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try Self.response(status: status, detail: detail, request: request, context: context)
        }
    }

    static func classify(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as APIError:
            return (error.status, error.detail)
        case let error as HTTPError:
            return (error.status, error.body ?? error.status.reasonPhrase)
        case let error as DecodingError:
            let problem = DecodingProblem(error)
            if problem.isMalformed { return (.badRequest, "malformed JSON: the body could not be parsed") }
            return (.unprocessableContent, problem.sentence)
        case let error as any HTTPResponseError:
            return (error.status, error.status.reasonPhrase)
        default:
            return (.internalServerError, "internal server error")
        }
    }

    static func response(status: HTTPResponse.Status, detail: String, request: Request, context: Context) throws
        -> Response
    {
        let data = try JSONEncoder().encode(ErrorBody(detail: detail))
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
