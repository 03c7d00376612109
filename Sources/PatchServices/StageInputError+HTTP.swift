import HTTPSupport
import Hummingbird
import Stages

/// A prompt or cluster reference the patch stages cannot resolve: 422 when malformed or missing, 404 when unknown.
extension StageInputError: DetailedHTTPError {
    package var status: HTTPResponse.Status { self.isNotFound ? .notFound : .unprocessableContent }

    package var detail: String { self.description }
}
