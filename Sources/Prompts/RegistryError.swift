import Experiences

/// Why the registry refused or failed.
///
/// A struct over a private enum (as `FailureClusteringError`), so cases can be added without breaking callers.
package struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case invalidID(String)
        case notFound(String)
        case unreadable(file: String, reason: String)
        case emptyText
        case invalidFamily(Int)
        case contention
        case fileSystem(String)
        case notAFolder(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// The text is not a prompt id of the form `p_v<family>_<version>`.
    package static func invalidID(_ text: String) -> Self { Self(.invalidID(text)) }
    /// No version with this id.
    package static func notFound(_ id: String) -> Self { Self(.notFound(id)) }
    /// A version file exists but is not a valid version.
    package static func unreadable(_ file: String, reason: String) -> Self {
        Self(.unreadable(file: file, reason: reason))
    }
    /// A prompt text must not be empty.
    package static let emptyText = Self(.emptyText)
    /// Families start at 1.
    package static func invalidFamily(_ family: Int) -> Self { Self(.invalidFamily(family)) }
    /// Too many writers raced for the same family.
    package static let contention = Self(.contention)
    /// The file system refused.
    package static func fileSystem(_ message: String) -> Self { Self(.fileSystem(message)) }

    /// The registry path names something that is not a folder (a file, say).
    package static func notAFolder(_ path: String) -> Self { Self(.notAFolder(path)) }

    /// Whether no version has the id asked for.
    package var isNotFound: Bool {
        if case .notFound = self.kind { return true }
        return false
    }

    /// Whether the text asked for is not a prompt id at all.
    package var isInvalidID: Bool {
        if case .invalidID = self.kind { return true }
        return false
    }

    /// Whether the registry as a whole cannot be used (its path is not a folder, the file system refused), as
    /// opposed to one request or one file being wrong.
    package var isUnavailable: Bool {
        switch self.kind {
        case .notAFolder, .fileSystem: return true
        default: return false
        }
    }

    /// What is wrong with an unreadable file, without the file's name; the whole description otherwise.
    package var reason: String {
        if case .unreadable(_, let reason) = self.kind { return reason }
        return self.description
    }

    package var description: String {
        switch self.kind {
        case .invalidID(let text):
            return "'\(text.echoed())' is not a prompt id (expected p_v<family>_<version>, e.g. p_v1_2)"
        case .notFound(let id): return "no prompt version \(id) in the registry"
        case .unreadable(let file, let reason): return "prompt file \(file) is not a valid version: \(reason)"
        case .emptyText: return "the prompt text is empty"
        case .invalidFamily(let family): return "prompt families start at 1, got \(family)"
        case .contention: return "too many concurrent writers for this family; try again"
        case .fileSystem(let message): return message
        case .notAFolder(let path):
            return
                "the prompt registry \(path) is not a folder; point --registry (KAIZEN_REGISTRY_PATH) at a folder"
        }
    }
}
