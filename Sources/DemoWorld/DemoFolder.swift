import Foundation

/// The demo's working folder: its own SQLite store, prompt registry and HTML reports, so a demo never touches the
/// user's data.
package struct DemoFolder: Sendable, Hashable {
    /// What ``prepare(fresh:)`` found.
    package enum Preparation: Sendable, Hashable {
        /// The folder is new, empty of prompt versions, or was a previous demo and has been deleted.
        case ready
        /// The registry already holds versions, and `fresh` was false.
        case holdsDemo
        /// `fresh` was true but the folder holds files a demo does not write (the first few, by name); nothing
        /// was deleted, so a mistyped folder loses no data.
        case holdsOtherFiles([String])
    }

    /// The files and folders a demo writes; a folder holding only these may be deleted by `fresh`.
    static let demoFiles: Set = [
        "experiences.sqlite", "experiences.sqlite-wal", "experiences.sqlite-shm", "prompt_registry", "reports",
    ]

    /// The folder.
    package let url: URL

    /// A folder at `path` (relative paths are resolved against the current folder).
    package init(path: String) {
        self.url = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// The SQLite store's path.
    package var storePath: String { self.url.appendingPathComponent("experiences.sqlite").path }
    /// The prompt registry's path.
    package var registryPath: String { self.url.appendingPathComponent("prompt_registry").path }
    /// Where the HTML reports go (beside the registry, as `kaizen pipeline run` writes them).
    package var reportsURL: URL {
        URL(fileURLWithPath: self.registryPath).deletingLastPathComponent().appendingPathComponent("reports")
    }

    /// Deletes a previous demo when `fresh`, then says whether a new demo can start here.
    ///
    /// - Throws: when the previous demo cannot be deleted.
    package func prepare(fresh: Bool) throws -> Preparation {
        if fresh, let contents = try? FileManager.default.contentsOfDirectory(atPath: self.url.path) {
            let foreign = contents.filter { !Self.demoFiles.contains($0) }
            guard foreign.isEmpty else { return .holdsOtherFiles(Array(foreign.prefix(3))) }
            try FileManager.default.removeItem(at: self.url)
        }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: self.registryPath), !existing.isEmpty {
            return .holdsDemo
        }
        return .ready
    }
}
