import Experiences
import Hummingbird

/// A store that cannot be reached is 503: the service and the request are fine, the caller may retry once the
/// database is back. It lives here, below the services, so `kaizen serve all`, which links them all, has one
/// conformance.
extension StoreUnavailable: DetailedHTTPError {
    package var status: HTTPResponse.Status { .serviceUnavailable }

    package var detail: String { "the database is unavailable: \(self.reason)" }
}
