/// A reference the patch stages cannot resolve: malformed or missing, or naming something unknown.
///
/// A struct over a private enum (as `FailureClusteringError`), so cases can be added without breaking callers.
package struct StageInputError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case invalid
        case notFound
    }

    private let kind: Kind
    package let description: String

    private init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// A reference that is malformed or missing (the caller's to change).
    package static func invalid(_ message: String) -> Self { Self(.invalid, message) }

    /// A prompt, clustering or cluster id that is not known.
    package static func notFound(_ message: String) -> Self { Self(.notFound, message) }

    /// Whether an id was unknown (rather than the reference malformed).
    package var isNotFound: Bool { self.kind == .notFound }
}
