/// Why a training request cannot run: the caller's to fix (the service answers 4xx), except a model that failed.
///
/// A struct over a private enum (as `FailureClusteringError`), so cases can be added without breaking callers.
package struct TrainingRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case unknownPrompt
        case invalid
        case notEnoughData
        case modelFailed
    }

    private let kind: Kind
    package let description: String

    private init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The base prompt id is not in the registry.
    package static func unknownPrompt(_ message: String) -> Self { Self(.unknownPrompt, message) }
    /// The request's values are not acceptable.
    package static func invalid(_ message: String) -> Self { Self(.invalid, message) }
    /// The store holds too few of the targeted experiences.
    package static func notEnoughData(_ message: String) -> Self { Self(.notEnoughData, message) }
    /// The model failed on every generation the gate needed (not the caller's fault: a 5xx or 502 at the edge).
    package static func modelFailed(_ message: String) -> Self { Self(.modelFailed, message) }

    /// Whether the base prompt is unknown.
    package var isUnknownPrompt: Bool { self.kind == .unknownPrompt }
    /// Whether the model, not the request, is at fault.
    package var isModelFailure: Bool { self.kind == .modelFailed }
}
