import Experiences
import Foundation
import Hummingbird
import Logging

/// Turns every error into a JSON answer `{"detail": "..."}` with the right status, before the metrics and the
/// access log see the answer.
///
/// - A ``DetailedHTTPError`` (``APIError``, and the library errors the services make conform) answers for itself.
/// - Hummingbird's `HTTPError` keeps its status and message (404 for unknown routes, ...), in Kaizen's body.
/// - Malformed JSON is 400; well-formed JSON of the wrong shape (a missing field, a wrong type) is 422, as FastAPI
///   answers, naming the field.
/// - Any other `HTTPResponseError` keeps its status, with the status's reason as the message.
/// - Anything else is a 500 whose body says nothing about internals; the error itself is logged.
package struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let response = try Self.response(to: error, request: request, context: context)
            if response.status.code >= 500 {
                context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return response
        }
    }

    static func response(to error: any Error, request: Request, context: Context) throws -> Response {
        switch error {
        case let error as any DetailedHTTPError:
            return try error.response(from: request, context: context)
        case let error as HTTPError:
            return try ErrorBody(detail: error.body ?? error.status.reasonPhrase).response(status: error.status)
        case let error as DecodingError:
            let problem = DecodingProblem(error)
            if problem.isMalformed {
                return try ErrorBody(detail: "malformed JSON: the body could not be parsed").response(
                    status: .badRequest)
            }
            return try ErrorBody(detail: problem.sentence).response(status: .unprocessableContent)
        case let error as any HTTPResponseError:
            return try ErrorBody(detail: error.status.reasonPhrase).response(status: error.status)
        default:
            return try ErrorBody(detail: "internal server error").response(status: .internalServerError)
        }
    }
}
