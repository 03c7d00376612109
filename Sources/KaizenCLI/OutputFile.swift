import Foundation

/// A file a user named on the command line for a command to write (`--html`, `--output`): checked before the work
/// that fills it, so an evaluation an hour long does not end in "NSCocoaErrorDomain error 512", and written with the
/// reason in one line when writing still fails.
enum OutputFile {
    /// Refuses `path` when it cannot be written: a folder, below a file, or in a folder that cannot be made or
    /// written. Missing folders are fine (``write(_:to:option:)`` makes them).
    /// - Throws: ``CommandFailure`` naming `option` and why.
    static func check(_ path: String, option: String) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure("\(option) \(path) is a folder; name the file to write")
        }
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !manager.fileExists(atPath: folder.path, isDirectory: &isFolder) && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        guard isFolder.boolValue else {
            throw CommandFailure("\(option) \(path): \(folder.path) is a file, not a folder")
        }
        guard access(folder.path, W_OK) == 0 else {
            throw CommandFailure("\(option) \(path): cannot write in \(folder.path) (permission denied)")
        }
    }

    /// Writes `data` to `path` atomically, making its folder first.
    /// - Throws: ``CommandFailure`` with the reason in one line.
    static func write(_ data: Data, to path: String, option: String?) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            let named = (option.map { "\($0) " } ?? "") + path
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason =
                underlying?.domain == NSPOSIXErrorDomain
                ? String(cString: strerror(Int32(underlying!.code))).lowercased() : "check that its folder is writable"
            throw CommandFailure("cannot write \(named): \(reason)")
        }
    }
}
