import Hummingbird
import Prompts

/// A registry error as every service answers it: 503 when the registry cannot be used at all (its path is a file,
/// the folder unreadable), saying why; 404 for an unknown version, 422 for a malformed id; 500 for a version file
/// that cannot be read, naming it. It lives here, below the services, so `kaizen serve all`, which links them all,
/// has one conformance.
extension RegistryError: DetailedHTTPError {
    package var status: HTTPResponse.Status {
        if self.isUnavailable { return .serviceUnavailable }
        if self.isNotFound { return .notFound }
        return self.isInvalidID ? .unprocessableContent : .internalServerError
    }

    package var detail: String { self.description }
}
