import Foundation
import Testing

/// A `kaizen serve ...` process on a free port of 127.0.0.1, started and waited for until `/health` answers, the way
/// an operator would run it: every test that needs a live service process starts it through here.
final class ServedKaizen: Sendable {
    let process: Process
    let port: Int
    /// The first `/health` answer, status line and body.
    let health: String

    /// The process could not be started, or exited or kept silent before `/health` answered.
    struct DidNotStart: Error, CustomStringConvertible {
        var description: String
    }

    private init(process: Process, port: Int, health: String) {
        self.process = process
        self.port = port
        self.health = health
    }

    /// Starts `kaizen serve <arguments> --port <free port>` in `kaizen`'s directory, with the caller's environment
    /// minus its `KAIZEN_` variables plus `environment`, and waits up to `seconds` for `/health`.
    /// - Parameter log: a file in `kaizen`'s directory for the process's standard error (its log); discarded when
    ///   `nil`.
    static func start(
        _ kaizen: KaizenExecutable, _ arguments: [String], environment: [String: String] = [:], log: String? = nil,
        seconds: Double = 120
    )
        async throws -> ServedKaizen
    {
        let held = try ServePortTests.HeldPort.listen()
        let port = held.port
        held.close()
        let process = Process()
        process.executableURL = try KaizenExecutable.executableURL()
        process.arguments = ["serve"] + arguments + ["--port", "\(port)"]
        process.currentDirectoryURL = kaizen.directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KAIZEN_") }
            .merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        if let log {
            FileManager.default.createFile(atPath: kaizen.path(log), contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: kaizen.path(log)))
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline {
            if let answer = SubcommandPathsTests.get("/health", port: port) {
                return ServedKaizen(process: process, port: port, health: answer)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let exited = !process.isRunning
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        throw DidNotStart(
            description: exited
                ? "kaizen serve \(arguments.joined(separator: " ")) exited (\(process.terminationStatus)) before answering"
                : "kaizen serve \(arguments.joined(separator: " ")) did not answer /health on port \(port) within "
                    + "\(Int(seconds)) s")
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(self.port)\(path)" }

    /// SIGTERM, then waits for the exit.
    func stop() {
        if self.process.isRunning { self.process.terminate() }
        self.process.waitUntilExit()
    }

    /// SIGKILL, as a crash or the OOM killer would end it, then waits for the exit.
    func kill() {
        if self.process.isRunning { _ = Glibc.kill(self.process.processIdentifier, SIGKILL) }
        self.process.waitUntilExit()
    }
}
