import ChildProcesses
import Foundation
import Testing

/// A `kaizen serve ...` process on a free port of 127.0.0.1, started and waited for until `/health` answers, the way
/// an operator would run it: every test that needs a live service process starts it through here.
final class ServedKaizen: Sendable {
    let process: BackgroundProcess
    let port: Int
    /// The first `/health` answer, status line and body.
    let health: String

    /// The process could not be started, or exited or kept silent before `/health` answered.
    struct DidNotStart: Error, CustomStringConvertible {
        var description: String
    }

    private init(process: BackgroundProcess, port: Int, health: String) {
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
        let process = try await BackgroundProcess.start(
            try KaizenExecutable.executableURL().path, ["serve"] + arguments + ["--port", "\(port)"],
            environment: KaizenExecutable.environment(adding: environment), directory: kaizen.directory.path,
            errorLog: log.map { kaizen.path($0) })
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline {
            if let answer = SubcommandPathsTests.get("/health", port: port) {
                return ServedKaizen(process: process, port: port, health: answer)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let exited = !process.isRunning
        let ending = try await process.stop()
        throw DidNotStart(
            description: exited
                ? "kaizen serve \(arguments.joined(separator: " ")) exited (\(ending)) before answering"
                : "kaizen serve \(arguments.joined(separator: " ")) did not answer /health on port \(port) within "
                    + "\(Int(seconds)) s")
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(self.port)\(path)" }

    /// SIGTERM without waiting, for a `defer` (the test has what it needs; the process exits on its own).
    func stop() {
        self.process.signal(SIGTERM)
    }

    /// SIGTERM, then waits for the exit.
    @discardableResult
    func stopped() async throws -> ChildProcess.Ending {
        try await self.process.stop()
    }

    /// SIGKILL, as a crash or the OOM killer would end it, then waits for the exit.
    @discardableResult
    func killed() async throws -> ChildProcess.Ending {
        try await self.process.kill()
    }
}
