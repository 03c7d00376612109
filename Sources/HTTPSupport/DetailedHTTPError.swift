import Foundation
import Hummingbird

/// An error that knows its HTTP answer: a status and `{"detail": "..."}`.
///
/// Hummingbird's way (`HTTPResponseError`, as its `HTTPError` does): the error makes its own response, so no handler
/// maps errors to statuses. Library errors conform in the service targets (the libraries do not import Hummingbird);
/// ``ErrorMiddleware`` calls ``response(from:context:)``. A conformance is global at run time, so each library error
/// conforms in one place only.
package protocol DetailedHTTPError: HTTPResponseError {
    /// What went wrong, for the caller: one sentence, no internals.
    var detail: String { get }
}

extension DetailedHTTPError {
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(detail: self.detail).response(status: self.status)
    }
}
