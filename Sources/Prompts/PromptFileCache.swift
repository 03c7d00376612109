import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Version files already read, with their bytes as served, kept while the file on disk is the same one (same inode,
/// size and modification and change times), so the deployment agent's `GET /api/v1/prompts/latest` does not read,
/// decode and re-encode the newest version on every request (two thirds of its time, issue 14).
///
/// Versions are published with `link(2)` and never rewritten, so a new version is a new file name, which the
/// folder listing made on every request shows at once, also when another process wrote it; the file's identity is
/// checked as well, so a file replaced by hand is read again. Holds at most ``capacity`` files.
package final class PromptFileCache: Sendable {
    /// A version as read from its file.
    package struct Entry: Sendable {
        package var version: PromptVersion
        /// ``PromptVersion/fileContents()``: the response body.
        package var contents: Data
    }

    fileprivate struct FileIdentity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        /// Modification and status-change times, seconds and nanoseconds.
        var times: [Int]

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.device = UInt64(info.st_dev)
            self.inode = UInt64(info.st_ino)
            self.size = Int64(info.st_size)
            #if canImport(Darwin)
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
            #else
            let (modified, changed) = (info.st_mtim, info.st_ctim)
            #endif
            self.times = [modified.tv_sec, modified.tv_nsec, changed.tv_sec, changed.tv_nsec].map { Int($0) }
        }
    }

    private let entries = Mutex<[PromptID: (identity: FileIdentity, entry: Entry)]>([:])
    /// The most files kept; when full, the cache starts over.
    package let capacity: Int

    package init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// Version `id` of `registry`, from the cache when its file is unchanged, else read (and kept).
    /// - Throws: as ``PromptRegistry/version(_:)``.
    package func version(_ id: PromptID, in registry: PromptRegistry) throws -> Entry {
        let path = registry.directory.appendingPathComponent(id.fileName).path
        let identity = FileIdentity(path: path)
        if let identity, let kept = self.entries.withLock({ $0[id] }), kept.identity == identity {
            return kept.entry
        }
        let version = try registry.version(id)
        let entry = Entry(version: version, contents: version.fileContents())
        // A file that could not be looked at, or changed while it was read, is served but not kept.
        if let identity, FileIdentity(path: path) == identity {
            self.entries.withLock { entries in
                if entries.count >= self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[id] = (identity, entry)
            }
        }
        return entry
    }
}
