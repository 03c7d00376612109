import Hummingbird

/// An error a handler throws for a refusal of its own (a bad query parameter, an unknown job id): a status and a
/// message for the caller, `{"detail": "..."}`.
///
/// Library errors do not become this: they answer for themselves (``DetailedHTTPError`` conformances in the
/// service targets). The message must make sense to the caller and carry no internals.
package struct APIError: DetailedHTTPError, Sendable, Equatable, CustomStringConvertible {
    package var status: HTTPResponse.Status
    package var detail: String

    package init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    package var description: String { "\(self.status.code) \(self.detail)" }

    /// A 400 for a request the service cannot act on.
    package static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, detail) }
    /// A 404 for an id the service does not know.
    package static func notFound(_ detail: String) -> APIError { APIError(.notFound, detail) }
    /// A 422 for a well-formed request whose values are not acceptable.
    package static func unprocessable(_ detail: String) -> APIError { APIError(.unprocessableContent, detail) }
}
