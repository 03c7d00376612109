/// A clustering request the stage cannot serve: values it cannot use, or an id it does not know.
///
/// A struct over a private enum (as ``FailureClusteringError``), so cases can be added without breaking callers.
package struct ClusteringStageError: Error, Sendable, Hashable, CustomStringConvertible {
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

    /// A value the stage cannot use (the caller's to change).
    package static func invalid(_ message: String) -> Self { Self(.invalid, message) }

    /// No run or cluster with the id the caller gave.
    package static func notFound(_ message: String) -> Self { Self(.notFound, message) }

    /// Whether an id was unknown (rather than a value unusable).
    package var isNotFound: Bool { self.kind == .notFound }
}
