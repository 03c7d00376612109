import HTTPSupport
import Hummingbird
import Prompts

/// A registry error the patch stages pass on (they map unknown and malformed ids themselves): 503 when the
/// registry cannot be used at all (its path is a file, the folder unreadable), saying why; 500 for a version file
/// that cannot be read, naming it.
extension RegistryError: DetailedHTTPError {
    package var status: HTTPResponse.Status {
        if self.isUnavailable { return .serviceUnavailable }
        if self.isNotFound { return .notFound }
        return self.isInvalidID ? .unprocessableContent : .internalServerError
    }

    package var detail: String { self.description }
}
