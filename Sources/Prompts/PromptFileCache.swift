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
/// Versions are published with `link(2)` and never rewritten, so a new version is a new file name; the file's
/// identity is checked as well, so a file replaced by hand is read again. Holds at most ``capacity`` files.
///
/// The folder's listing is kept too (``ids(in:)``), while the folder's own identity is unchanged: adding or removing
/// a file, by any process, changes the folder's modification and change times, so a new version is listed at once.
/// Those times come from a coarse kernel clock, so two changes a few milliseconds apart may leave the same times; a
/// listing is therefore trusted only when it was made more than ``settleTime`` after the folder's last change (as
/// git treats "racily clean" files), and until then the folder is listed afresh on every request.
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
        var isDirectory: Bool

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
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

        /// The status-change time in seconds: when the file or folder last changed in any way.
        var changed: Double { Double(self.times[2]) + Double(self.times[3]) / 1e9 }
    }

    /// A folder listing and when it was made.
    private struct Listing: Sendable {
        var directory: String
        var identity: FileIdentity
        /// Seconds since 1970 at which the listing started.
        var listedAt: Double
        var ids: [PromptID]
    }

    private let entries = Mutex<[PromptID: (identity: FileIdentity, entry: Entry)]>([:])
    private let listing = Mutex<Listing?>(nil)
    private let listingsMade = Mutex(0)
    private let filesRead = Mutex(0)
    /// The most files kept; when full, the cache starts over.
    package let capacity: Int
    /// How long after the folder's last change a listing must have started to be kept: far above the kernel's
    /// timestamp granularity (a few milliseconds).
    package static let settleTime = 1.0

    package init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// How many times ``version(_:in:)`` read a file rather than answering from the kept one.
    package var reads: Int { self.filesRead.withLock { $0 } }

    /// How many times ``ids(in:)`` listed the folder rather than answering from the kept listing.
    package var listings: Int { self.listingsMade.withLock { $0 } }

    /// ``PromptRegistry/ids()``, from the kept listing while the folder is unchanged (see the type's notes).
    /// - Throws: as ``PromptRegistry/ids()``.
    package func ids(in registry: PromptRegistry) throws -> [PromptID] {
        let directory = registry.directoryPath
        let identity = FileIdentity(path: directory)
        if let identity, identity.isDirectory,
            let kept = self.listing.withLock({ $0 }), kept.directory == directory, kept.identity == identity,
            kept.listedAt - identity.changed > Self.settleTime
        {
            return kept.ids
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let ids = try registry.ids()
        self.listingsMade.withLock { $0 += 1 }
        if let identity, identity.isDirectory, FileIdentity(path: directory) == identity {
            let listing = Listing(
                directory: directory, identity: identity, listedAt: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9,
                ids: ids)
            self.listing.withLock { $0 = listing }
        }
        return ids
    }

    /// Version `id` of `registry`, from the cache when its file is unchanged, else read (and kept).
    /// - Throws: as ``PromptRegistry/version(_:)``.
    package func version(_ id: PromptID, in registry: PromptRegistry) throws -> Entry {
        let path = registry.directoryPath + "/" + id.fileName
        let identity = FileIdentity(path: path)
        if let identity, let kept = self.entries.withLock({ $0[id] }), kept.identity == identity {
            return kept.entry
        }
        self.filesRead.withLock { $0 += 1 }
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
