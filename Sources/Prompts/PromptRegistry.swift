import Experiences
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The prompt registry: a folder with one JSON file per prompt version, append-only.
///
/// A version is written to a hidden temporary file, flushed to disk, then published with `link(2)`, which is atomic
/// and refuses to replace an existing file. So a reader never sees a partial file, a crash leaves at most a hidden
/// temporary file (swept later), an existing version can never be overwritten, and writers racing for the next
/// version of a family (threads or processes) each get a different one.
package struct PromptRegistry: Sendable {
    /// The registry folder, e.g. `prompt_registry/`.
    package let directory: URL
    /// Called after the temporary file is written and before it is published; tests use it to simulate a crash.
    var beforePublish: (@Sendable (URL) throws -> Void)?
    /// Where version numbers are claimed before their file is written, when trainers on several machines share the
    /// folder (``createClaimingVersion(family:source:text:metadata:now:)``); `nil`: `link(2)` alone decides.
    package var versionClaims: (any VersionClaims)?

    /// Prefix of in-progress files; they never match a version file name.
    static let temporaryPrefix = ".tmp-"

    package init(directory: URL) {
        self.directory = directory
    }

    /// Every version in the registry, ordered by family then version.
    /// - Throws: ``RegistryError`` when a version file cannot be read or is not a valid version.
    package func list() throws -> [PromptVersion] {
        try self.ids().map { try self.version($0) }
    }

    /// The ids of every version file, ordered by family then version. Other files are ignored.
    package func ids() throws -> [PromptID] {
        guard FileManager.default.fileExists(atPath: self.directory.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: self.directory.path)
        return names.compactMap { name -> PromptID? in
            guard name.hasSuffix(".json") else { return nil }
            return PromptID(String(name.dropLast(5)))
        }.sorted()
    }

    /// The version with this id.
    /// - Throws: ``RegistryError/notFound(_:)`` when there is no such file, ``RegistryError/unreadable(_:reason:)``
    ///   when the file is not a valid version with that id.
    package func version(_ id: PromptID) throws -> PromptVersion {
        let url = self.directory.appendingPathComponent(id.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RegistryError.notFound(id.description)
        }
        let version: PromptVersion
        do {
            version = try JSONDecoder().decode(PromptVersion.self, from: data)
        } catch {
            throw RegistryError.unreadable(id.fileName, reason: "\(error)")
        }
        guard version.id == id else {
            throw RegistryError.unreadable(id.fileName, reason: "it holds \(version.id)")
        }
        return version
    }

    /// The version with this id, given as text.
    /// - Throws: ``RegistryError/invalidID(_:)`` for text that is not `p_v<family>_<version>`, then as
    ///   ``version(_:)``.
    package func version(named text: String) throws -> PromptVersion {
        guard let id = PromptID(text) else { throw RegistryError.invalidID(text) }
        return try self.version(id)
    }

    /// The highest version of `family`, or of the highest family when `family` is `nil`; `nil` when there is none.
    package func latest(family: Int? = nil) throws -> PromptVersion? {
        let ids = try self.ids()
        let candidates = family.map { family in ids.filter { $0.family == family } } ?? ids
        return try candidates.max().map { try self.version($0) }
    }

    /// Writes a new version: the next free version of `family`, or version 1 of a new family when `family` is `nil`.
    ///
    /// `metadata` gets `created_at` (from `now`) when it has none; `reward_gain` and `cluster_id` are written as null
    /// when absent, so the file always has the seed's shape.
    /// - Throws: ``RegistryError/emptyText`` for blank text, ``RegistryError/invalidFamily(_:)`` for a family below 1,
    ///   or the file system's error; nothing is left behind then.
    package func create(
        family: Int?,
        source: String,
        text: String,
        metadata: VersionMetadata = VersionMetadata(),
        now: Date = Date()
    ) throws -> PromptVersion {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RegistryError.emptyText }
        if let family, family < 1 { throw RegistryError.invalidFamily(family) }
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.sweepAbandonedTemporaryFiles(now: now)

        var metadata = metadata
        metadata.createdAt = metadata.createdAt ?? RFC3339.string(from: now)

        for _ in 0..<10_000 {
            let ids = try self.ids()
            let id: PromptID
            if let family {
                id = PromptID(
                    family: family, version: (ids.filter { $0.family == family }.map(\.version).max() ?? 0) + 1)
            } else {
                id = PromptID(family: (ids.map(\.family).max() ?? 0) + 1, version: 1)
            }
            let version = PromptVersion(id: id, source: source, text: text, details: metadata)
            if try self.publish(version.fileContents(), as: id.fileName) {
                return version
            }
            // Another writer took this id between our listing and our link; list again and take the next one.
        }
        throw RegistryError.contention
    }

    /// Writes `contents` to a temporary file, flushes it, and links it to `name`.
    /// - Returns: `false` when `name` already exists (nothing was changed).
    func publish(_ contents: Data, as name: String) throws -> Bool {
        let temporary = self.directory.appendingPathComponent("\(Self.temporaryPrefix)\(UUID().uuidString)")
        defer { unlink(temporary.path) }
        try Self.writeDurably(contents, to: temporary)
        try self.beforePublish?(temporary)
        let target = self.directory.appendingPathComponent(name)
        if link(temporary.path, target.path) != 0 {
            let code = errno
            if code == EEXIST { return false }
            throw RegistryError.fileSystem("could not publish \(name): \(String(cString: strerror(code)))")
        }
        Self.syncDirectory(self.directory)
        return true
    }

    private static func writeDurably(_ contents: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw RegistryError.fileSystem(
                "could not create \(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        try contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RegistryError.fileSystem("could not write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else {
            throw RegistryError.fileSystem("could not flush: \(String(cString: strerror(errno)))")
        }
    }

    private static func syncDirectory(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Removes temporary files left by writers that crashed more than an hour ago.
    private func sweepAbandonedTemporaryFiles(now: Date) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: self.directory.path) else { return }
        for name in names where name.hasPrefix(Self.temporaryPrefix) {
            let path = self.directory.appendingPathComponent(name).path
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) > 3600
            {
                try? manager.removeItem(atPath: path)
            }
        }
    }
}

/// Why the registry refused or failed.
package enum RegistryError: Error, Equatable, CustomStringConvertible {
    /// The text is not a prompt id of the form `p_v<family>_<version>`.
    case invalidID(String)
    /// No version with this id.
    case notFound(String)
    /// A version file exists but is not a valid version.
    case unreadable(String, reason: String)
    /// A prompt text must not be empty.
    case emptyText
    /// Families start at 1.
    case invalidFamily(Int)
    /// Too many writers raced for the same family.
    case contention
    /// The file system refused.
    case fileSystem(String)

    package var description: String {
        switch self {
        case .invalidID(let text): return "'\(text)' is not a prompt id (expected p_v<family>_<version>, e.g. p_v1_2)"
        case .notFound(let id): return "no prompt version \(id) in the registry"
        case .unreadable(let file, let reason): return "prompt file \(file) is not a valid version: \(reason)"
        case .emptyText: return "the prompt text is empty"
        case .invalidFamily(let family): return "prompt families start at 1, got \(family)"
        case .contention: return "too many concurrent writers for this family; try again"
        case .fileSystem(let message): return message
        }
    }
}
