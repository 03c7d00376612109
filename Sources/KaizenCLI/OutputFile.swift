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
        try Self.checkFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path, for: path, option: option)
    }

    /// Refuses a folder a command is to write in (`demo --dir`) when it is a file, below a file, or cannot be made
    /// or written.
    /// - Throws: ``CommandFailure`` naming `option` and why.
    static func checkFolder(_ path: String, option: String) throws {
        try Self.checkFolder(path, for: path, option: option)
    }

    /// Checks that `folder` is a writable folder or can be made as one; `named` is what the user wrote.
    private static func checkFolder(_ folder: String, for named: String, option: String) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        var existing = URL(fileURLWithPath: folder)
        while !manager.fileExists(atPath: existing.path, isDirectory: &isFolder) && existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        guard isFolder.boolValue else {
            throw CommandFailure("\(option) \(named): \(existing.path) is a file, not a folder")
        }
        guard access(existing.path, W_OK) == 0 else {
            throw CommandFailure("\(option) \(named): cannot write in \(existing.path) (permission denied)")
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
