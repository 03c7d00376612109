import FailureClustering
import HTTPSupport
import Hummingbird
import Stages

/// Every clustering failure is the caller's doing (too few failures, a bad `k` or range): 422.
extension FailureClusteringError: DetailedHTTPError {
    package var status: HTTPResponse.Status { .unprocessableContent }

    package var detail: String { self.description }
}
