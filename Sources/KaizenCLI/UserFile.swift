import Foundation

/// Reads a file a user named on the command line, or fails with one line that says why (not found, a folder, not
/// readable), so the user knows what to fix.
func contentsOfUserFile(atPath path: String, what: String = "file") throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CommandFailure("cannot read \(what) \(path): no such file")
    }
    guard !isDirectory.boolValue else {
        throw CommandFailure("cannot read \(what) \(path): it is a folder, not a file")
    }
    guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("cannot read \(what) \(path): permission denied")
    }
    return data
}
