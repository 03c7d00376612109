/// Why a demo world could not be loaded or used.
///
/// A struct over a private enum, so cases can be added without breaking callers; `description` is the message to
/// show (it names the file and line when there is one).
package struct DemoWorldError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case unreadable
        case invalidRecord
        case empty
        case generation
    }

    private let kind: Kind
    /// The message to show.
    package let description: String

    private init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The file could not be read.
    package static func unreadable(_ path: String, reason: String) -> DemoWorldError {
        DemoWorldError(.unreadable, "cannot read \(path): \(reason)")
    }

    /// A line of a data file is not a valid record.
    package static func invalidRecord(line: Int, reason: String) -> DemoWorldError {
        DemoWorldError(.invalidRecord, "line \(line): \(reason)")
    }

    /// A data file holds invalid records (`reason` lists the first ones with their line numbers).
    package static func invalidFile(_ path: String, reason: String) -> DemoWorldError {
        DemoWorldError(.invalidRecord, "\(path): \(reason)")
    }

    /// There is nothing to ask or load.
    package static func empty(_ reason: String) -> DemoWorldError {
        DemoWorldError(.empty, reason)
    }

    /// Too many of a round's generations failed.
    package static func generation(_ reason: String) -> DemoWorldError {
        DemoWorldError(.generation, reason)
    }

    /// Whether two errors are of the same kind (the message aside).
    package func hasSameKind(as other: DemoWorldError) -> Bool { self.kind == other.kind }
}
