/// Why a ``LanguageModel`` call failed.
///
/// A struct over a private enum, so cases can be added without breaking callers.
package struct GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidRequest(String)
        case backend(String)
    }

    private let code: Code

    /// The request itself is unusable (e.g. `n < 1`, a negative temperature).
    package static func invalidRequest(_ reason: String) -> GenerationError {
        GenerationError(code: .invalidRequest(reason))
    }

    /// The backend failed (transport, status, malformed answer); the message is safe to show.
    package static func backend(_ reason: String) -> GenerationError {
        GenerationError(code: .backend(reason))
    }

    /// Whether the error blames the request rather than the backend.
    package var isInvalidRequest: Bool {
        if case .invalidRequest = self.code { return true }
        return false
    }

    /// The reason alone, without the prefix ``description`` adds.
    package var reason: String {
        switch self.code {
        case .invalidRequest(let reason), .backend(let reason): reason
        }
    }

    package var description: String {
        switch self.code {
        case .invalidRequest(let reason): "invalid generation request: \(reason)"
        case .backend(let reason): "language model failed: \(reason)"
        }
    }
}
