import HTTPSupport
import Hummingbird
import Stages

/// A batch refused before anything was stored: 422, with the bad items listed when there are some.
extension ExperienceIngestion.Failure: DetailedHTTPError {
    package var status: HTTPResponse.Status { .unprocessableContent }

    package var detail: String {
        switch self {
        case .invalid(let message): message
        case .invalidItems(let rejection): rejection.detail
        }
    }

    /// `{"detail": "..."}` for a batch refused as a whole; the ``IngestionRejection`` (detail and one entry per bad
    /// item) otherwise.
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .invalid(let message):
            return try ErrorBody(detail: message).response(status: self.status)
        case .invalidItems(let rejection):
            return try EncodedResponse(rejection, status: self.status).response(from: request, context: context)
        }
    }
}
