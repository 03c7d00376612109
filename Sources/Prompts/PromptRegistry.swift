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
    /// `directory.path`, made once: `URL.path` costs microseconds, and the deployment agent's `/latest` needs it on
    /// every request.
    package let directoryPath: String
    /// Called after the temporary file is written and before it is published; tests use it to simulate a crash.
    var beforePublish: (@Sendable (URL) throws -> Void)?
    /// Where version numbers are claimed before their file is written, when trainers on several machines share the
    /// folder (``createClaimingVersion(family:source:text:metadata:now:)``); `nil`: `link(2)` alone decides.
    package var versionClaims: (any VersionClaims)?

    /// Prefix of in-progress files; they never match a version file name.
    static let temporaryPrefix = ".tmp-"

    /// Opens the registry at `directory` and removes temporary files that crashed writers left there
    /// (``sweepAbandonedTemporaryFiles(now:)``).
    package init(directory: URL) {
        self.directory = directory
        self.directoryPath = directory.path
        self.sweepAbandonedTemporaryFiles()
    }

    /// Every version in the registry, ordered by family then version.
    /// - Throws: ``RegistryError`` when a version file cannot be read or is not a valid version.
    package func list() throws -> [PromptVersion] {
        try self.ids().map { try self.version($0) }
    }

    /// Every readable version, and the version files that could not be read, so one corrupt file does not hide the
    /// rest.
    /// - Throws: ``RegistryError`` when the folder itself cannot be read.
    package func listing() throws -> RegistryListing {
        var listing = RegistryListing(versions: [], unreadable: [])
        for id in try self.ids() {
            switch Result(catching: { try self.version(id) }) {
            case .success(let version): listing.versions.append(version)
            case .failure(let error): listing.unreadable.append(Self.unreadable(id, error))
            }
        }
        return listing
    }

    /// The newest readable version of `family` (or of the newest family), and the newer version files skipped on
    /// the way because they could not be read.
    /// - Throws: ``RegistryError`` when the folder itself cannot be read.
    package func latestReadable(family: Int? = nil) throws -> (version: PromptVersion?, skipped: [UnreadableVersion]) {
        let latest = try self.latestReadable(family: family, cache: PromptFileCache(capacity: 0))
        return (latest.entry?.version, latest.skipped)
    }

    /// ``latestReadable(family:)`` reading version files through `cache`, with the file's bytes as served.
    /// - Throws: ``RegistryError`` when the folder itself cannot be read.
    package func latestReadable(
        family: Int?, cache: PromptFileCache
    ) throws -> (entry: PromptFileCache.Entry?, skipped: [UnreadableVersion]) {
        let ids = try cache.ids(in: self)
        var skipped: [UnreadableVersion] = []
        for id in (family.map { family in ids.filter { $0.family == family } } ?? ids).reversed() {
            do {
                return (try cache.version(id, in: self), skipped)
            } catch let error as RegistryError where error.isNotFound {
                continue  // removed since the listing
            } catch {
                skipped.append(Self.unreadable(id, error))
            }
        }
        return (nil, skipped)
    }

    private static func unreadable(_ id: PromptID, _ error: any Error) -> UnreadableVersion {
        UnreadableVersion(file: id.fileName, reason: (error as? RegistryError)?.reason ?? "\(error)".echoed(limit: 200))
    }

    /// - Throws: ``RegistryError/notAFolder(_:)`` when the registry path exists but is not a folder.
    private func checkFolder() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: self.directoryPath, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            throw RegistryError.notAFolder(self.directory.path)
        }
    }

    /// Makes the registry folder (and the folders above it) if it is not there.
    /// - Throws: ``RegistryError`` naming why it cannot be made: the path is a file, a folder above it is a file, or
    ///   the file system refused (with its reason), never Foundation's error dump.
    func makeFolder() throws {
        try self.checkFolder()
        do {
            try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        } catch {
            var isDirectory: ObjCBool = false
            var existing = self.directory.deletingLastPathComponent()
            while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isDirectory)
                && existing.path != "/"
            {
                existing = existing.deletingLastPathComponent()
            }
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason =
                !isDirectory.boolValue
                ? "\(existing.path) is a file, not a folder"
                : underlying.map { String(cString: strerror(Int32($0.code))).lowercased() } ?? "the file system refused"
            throw RegistryError.fileSystem(
                "cannot make the prompt registry folder \(self.directory.path): \(reason); check --registry "
                    + "(KAIZEN_REGISTRY_PATH)")
        }
    }

    /// The ids of every version file, ordered by family then version. Other files (temporary ones included) are
    /// ignored.
    /// - Throws: ``RegistryError`` when the registry path is not a folder or the folder cannot be read.
    package func ids() throws -> [PromptID] {
        guard FileManager.default.fileExists(atPath: self.directoryPath) else { return [] }
        try self.checkFolder()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: self.directoryPath)
        } catch {
            throw RegistryError.fileSystem(
                "could not read the registry folder \(self.directory.path): \((error as NSError).localizedDescription)")
        }
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
            try self.checkFolder()
            throw RegistryError.notFound(id.description)
        }
        let version: PromptVersion
        do {
            version = try JSONDecoder().decode(PromptVersion.self, from: data)
        } catch let error as DecodingError {
            throw RegistryError.unreadable(id.fileName, reason: DecodingProblem(error).sentence)
        } catch {
            throw RegistryError.unreadable(id.fileName, reason: "\(error)".echoed(limit: 200))
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

    /// The newest version of `family` whose text is exactly `text`, or `nil`. Unreadable version files are skipped, and
    /// a folder that cannot be read gives `nil`: a write that follows reports that folder's error itself.
    package func version(withText text: String, family: Int) -> PromptID? {
        guard let ids = try? self.ids() else { return nil }
        return ids.reversed().first { id in id.family == family && (try? self.version(id))?.text == text }
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
        try self.makeFolder()

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
    ///
    /// The temporary file is locked (`flock`) from its creation until it is removed, so a sweep can tell a live
    /// writer's file from one a crashed writer left: the kernel drops the lock when the process dies.
    /// - Returns: `false` when `name` already exists (nothing was changed).
    func publish(_ contents: Data, as name: String) throws -> Bool {
        let temporary = self.directory.appendingPathComponent("\(Self.temporaryPrefix)\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw RegistryError.fileSystem(
                "could not create \(temporary.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        flock(descriptor, LOCK_EX)
        defer {
            unlink(temporary.path)
            close(descriptor)
        }
        try Self.writeDurably(contents, to: descriptor)
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

    private static func writeDurably(_ contents: Data, to descriptor: Int32) throws {
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

    /// Temporary files younger than this are left alone even when unlocked (a writer locks its file right after
    /// creating it).
    static let abandonedAge: TimeInterval = 60

    /// Removes temporary files that crashed writers left: older than ``abandonedAge`` and not locked by a live
    /// writer. Runs when the registry is opened; errors are ignored (a file that cannot be removed stays, unlisted).
    /// - Returns: How many files were removed.
    @discardableResult
    package func sweepAbandonedTemporaryFiles(now: Date = Date()) -> Int {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: self.directory.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(Self.temporaryPrefix) {
            let path = self.directory.appendingPathComponent(name).path
            guard let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) > Self.abandonedAge
            else { continue }
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0, unlink(path) == 0 {
                removed += 1
            }
            close(descriptor)
        }
        return removed
    }
}
