import ChildProcesses
import Foundation
import Testing

/// Runs the built `kaizen` executable in a scratch folder, as swift-argument-parser's example tests run theirs: what a
/// user types, what they see, and the exit code.
struct KaizenExecutable {
    /// What one run printed and how it ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(self.status)\n--- stdout\n\(self.stdout)\n--- stderr\n\(self.stderr)" }
    }

    /// The folder the command runs in; removed by ``remove()``.
    let directory: URL

    /// A fresh scratch folder (its own SQLite store and registry, since both default to paths under it).
    static func make() throws -> KaizenExecutable {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaizen-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return KaizenExecutable(directory: directory)
    }

    /// Removes the scratch folder.
    func remove() {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// A path inside the scratch folder.
    func path(_ name: String) -> String {
        self.directory.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` in the scratch folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = self.directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `kaizen arguments...` in the scratch folder with the `KAIZEN_*` variables of this process removed
    /// (so a developer's settings cannot change a test) and `environment` added.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        let finished = try await ChildProcess.run(
            try Self.executableURL().path, arguments, environment: Self.environment(adding: environment),
            directory: self.directory.path)
        return Run(status: finished.ending.status, stdout: finished.stdout, stderr: finished.stderr)
    }

    /// This process's environment without its `KAIZEN_*` variables, plus `variables`.
    static func environment(adding variables: [String: String]) -> [String: String] {
        ChildProcess.inherited(dropping: { $0.hasPrefix("KAIZEN_") }, adding: variables)
    }

    /// The `kaizen` binary beside the test bundle (the same build products folder).
    static func executableURL() throws -> URL {
        var candidates = [
            Bundle.main.bundleURL.appendingPathComponent("kaizen"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kaizen"),
        ]
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/kaizen"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ExecutableMissing(searched: candidates.map(\.path))
        }
        return found
    }

    struct ExecutableMissing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "no kaizen executable; looked at \(self.searched.joined(separator: ", "))" }
    }
}
