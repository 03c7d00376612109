import HTTPSupport
import Hummingbird
import Stages

/// A request the clustering stage refuses: 422 for values it cannot use, 404 for an id it does not know.
extension ClusteringStageError: DetailedHTTPError {
    package var status: HTTPResponse.Status { self.isNotFound ? .notFound : .unprocessableContent }

    package var detail: String { self.description }
}
