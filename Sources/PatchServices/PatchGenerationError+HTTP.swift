import HTTPSupport
import Hummingbird
import PatchGeneration
import Stages

/// A model that kept failing is 502 (the service's upstream, not the caller, is at fault); everything else the
/// generator refuses is 422.
extension PatchGenerationError: DetailedHTTPError {
    package var status: HTTPResponse.Status { self.isModelFailure ? .badGateway : .unprocessableContent }

    package var detail: String { self.description }
}
