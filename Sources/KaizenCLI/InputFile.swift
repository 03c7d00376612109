import Foundation

/// Reads a file a user named on the command line, failing with the reason in one line (`cannot read F: no such
/// file`) rather than a bare "cannot read", so a typo, a folder or a permission problem is told apart at once.
enum InputFile {
    /// The contents of `path`.
    /// - Parameter option: How the command line named it (`--text-file`), to say which argument is wrong; `nil`
    ///   for a positional argument.
    /// - Throws: ``CommandFailure`` saying why the file cannot be read.
    static func read(_ path: String, option: String? = nil) throws -> Data {
        let named = Self.named(path, option: option)
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CommandFailure("cannot read \(named): \(Self.reason(errno: errno, path: path))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw CommandFailure("cannot read \(named): it is a directory; name a file inside it")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot read \(named): \(Self.reason(errno: errno, path: path))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw CommandFailure("cannot read \(named): \(error.localizedDescription)")
        }
    }

    /// The contents of `path` as text (see ``text(_:named:)``).
    /// - Throws: ``CommandFailure`` when the file cannot be read or is not UTF-8.
    static func readText(_ path: String, option: String? = nil) throws -> String {
        try Self.text(Self.read(path, option: option), named: Self.named(path, option: option))
    }

    /// The file as a message names it: `--text-file p.txt`, or the path alone for a positional argument.
    private static func named(_ path: String, option: String?) -> String {
        (option.map { "\($0) " } ?? "") + path
    }

    /// `data` as UTF-8 text without a leading byte order mark (which Windows editors write, and which would
    /// otherwise start a prompt version). Invalid UTF-8 is refused rather than repaired: a prompt version is
    /// immutable, and a replacement character in it, or in a response the verifier scores, would stay unseen.
    /// - Throws: ``CommandFailure`` naming the first line that is not UTF-8.
    static func text(_ data: Data, named: String) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let line = (lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0) + 1
        throw CommandFailure("\(named) is not UTF-8 text (line \(line)); save it as UTF-8")
    }

    /// What an `errno` from opening a file means for the person who named it.
    static func reason(errno code: Int32, path: String) -> String {
        switch code {
        case ENOENT, ENOTDIR:
            let folder = FileManager.default.currentDirectoryPath
            return path.hasPrefix("/") ? "no such file" : "no such file (relative to \(folder))"
        case EACCES, EPERM:
            return "permission denied; check the file's permissions"
        default:
            return String(cString: strerror(code)).lowercased()
        }
    }
}
