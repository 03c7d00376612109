import HTTPSupport
import Hummingbird
import Stages

/// A full trainer is 503 with `Retry-After`: the request was fine, the service has no room for it yet.
extension TrainingJobsFull: DetailedHTTPError {
    package var status: HTTPResponse.Status { .serviceUnavailable }

    package var detail: String { self.description }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try ErrorBody(detail: self.detail).response(status: self.status)
        response.headers[.retryAfter] = String(TrainingJobCapacity.retryAfterSeconds)
        return response
    }
}
