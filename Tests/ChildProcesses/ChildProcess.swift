import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// Child processes for tests, through swift-subprocess rather than Foundation's `Process`.
///
/// Why: a child that inherits another child's pipe or termination socket keeps it open, and when that child lives
/// long (a `kaizen serve`, a PostgreSQL server) the other's `readDataToEndOfFile()` or `waitUntilExit()` does not
/// return until it exits. Both calls block a thread of the test process's concurrency pool (two threads on two
/// cores), so two such waits stall every test at once: `.ci/run` hung that way, with no CPU in use. A plain
/// `posix_spawn` (as `ThrowawayPostgres` had, whose `pg_ctl start` leaves a server running) passes on every open
/// descriptor; Foundation's `Process` on Linux closes those it listed before the spawn, so whatever another thread
/// opens in between still leaks. swift-subprocess opens its pipes close-on-exec, closes every other descriptor in
/// the child atomically, and waits without blocking a thread.
package enum ChildProcess {
    /// How a finished child ended: its exit code, or the signal that ended it.
    package enum Ending: Sendable, Hashable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// The exit code, or the signal's number (as Foundation's `terminationStatus` gave it).
        package var status: Int32 {
            switch self {
            case .exited(let code), .signalled(let code): code
            }
        }

        package var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signalled(let signal): "signal \(signal)"
            }
        }

        init(_ status: TerminationStatus) {
            switch status {
            case .exited(let code): self = .exited(code)
            case .signaled(let signal): self = .signalled(signal)
            }
        }
    }

    /// What a child run to its end printed, and how it ended.
    package struct Finished: Sendable, CustomStringConvertible {
        package var ending: Ending
        package var stdout: String
        package var stderr: String

        package var description: String { "\(self.ending)\n--- stdout\n\(self.stdout)\n--- stderr\n\(self.stderr)" }
    }

    /// Output beyond this many bytes fails the run (a command printing more is a bug of its own).
    package static let outputLimit = 256 << 20

    /// Runs `executable arguments...` to its end and collects both streams; standard input is `/dev/null`.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment (nothing is inherited beyond it).
    ///   - directory: the working directory; this process's when `nil`.
    /// - Throws: when the program cannot be started, or prints more than ``outputLimit`` bytes.
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil
    ) async throws -> Finished {
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: Arguments(arguments), environment: Self.environment(environment),
            workingDirectory: directory.map { FilePath($0) }, output: .string(limit: Self.outputLimit),
            error: .string(limit: Self.outputLimit))
        return Finished(
            ending: Ending(result.terminationStatus), stdout: result.standardOutput,
            stderr: result.standardError)
    }

    /// This process's environment, as a child's: every variable but those `dropping` says to drop, plus `adding`.
    package static func inherited(
        dropping drop: (String) -> Bool = { _ in false }, adding: [String: String] = [:]
    ) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !drop($0.key) }.merging(adding) { _, new in new }
    }

    static func environment(_ variables: [String: String]) -> Subprocess.Environment {
        .custom(
            Dictionary(
                uniqueKeysWithValues: variables.map { (Subprocess.Environment.Key(rawValue: $0.key)!, $0.value) }))
    }
}

/// A child that runs in the background until it exits or is signalled (a service, a database, a model server).
///
/// Standard input and output are `/dev/null`; standard error goes to `errorLog` or to `/dev/null`. Nothing here
/// blocks a thread: ``exit()`` suspends until the child has ended.
package final class BackgroundProcess: Sendable {
    /// The child's process id (valid while ``isRunning``).
    package let processIdentifier: pid_t
    private let ended: Task<ChildProcess.Ending, any Error>
    private let box: EndingBox

    /// Set by the task that waits for the child, so ``isRunning`` can be asked without waiting.
    private final class EndingBox: Sendable {
        let value = Mutex<ChildProcess.Ending?>(nil)
    }

    private init(processIdentifier: pid_t, ended: Task<ChildProcess.Ending, any Error>, box: EndingBox) {
        self.processIdentifier = processIdentifier
        self.ended = ended
        self.box = box
    }

    /// Starts `executable arguments...`.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///   - directory: the working directory; this process's when `nil`.
    ///   - errorLog: a file that receives standard error (created, or appended to); `/dev/null` when `nil`.
    /// - Throws: when the program cannot be started.
    package static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        errorLog: String? = nil
    ) async throws -> BackgroundProcess {
        let log = try FileDescriptor.open(
            FilePath(errorLog ?? "/dev/null"), .writeOnly, options: [.create, .append, .closeOnExec],
            permissions: .ownerReadWrite)
        let configuration = Subprocess.Configuration(
            executable: .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: ChildProcess.environment(environment), workingDirectory: directory.map { FilePath($0) })
        let box = EndingBox()
        let (started, startedContinuation) = AsyncStream.makeStream(of: Result<pid_t, any Error>.self)
        let ended = Task<ChildProcess.Ending, any Error> {
            do {
                let result = try await Subprocess.run(
                    configuration, input: .none, output: .discarded,
                    error: .fileDescriptor(log, closeAfterSpawningProcess: true)
                ) { execution in
                    startedContinuation.yield(.success(execution.processIdentifier.value))
                    startedContinuation.finish()
                }
                let ending = ChildProcess.Ending(result.terminationStatus)
                box.value.withLock { $0 = ending }
                return ending
            } catch {
                startedContinuation.yield(.failure(error))
                startedContinuation.finish()
                throw error
            }
        }
        var iterator = started.makeAsyncIterator()
        guard let first = await iterator.next() else { throw CancellationError() }
        return BackgroundProcess(processIdentifier: try first.get(), ended: ended, box: box)
    }

    /// Whether the child has not been seen to end yet.
    package var isRunning: Bool { self.box.value.withLock { $0 == nil } }

    /// Sends `signal` (SIGTERM by default) if the child still runs; does not wait.
    package func signal(_ signal: Int32 = SIGTERM) {
        if self.isRunning { _ = Glibc.kill(self.processIdentifier, signal) }
    }

    /// Waits until the child has ended, and says how.
    package func exit() async throws -> ChildProcess.Ending {
        try await self.ended.value
    }

    /// SIGTERM, then waits for the end.
    @discardableResult
    package func stop() async throws -> ChildProcess.Ending {
        self.signal(SIGTERM)
        return try await self.exit()
    }

    /// SIGKILL, as a crash or the OOM killer would end it, then waits for the end.
    @discardableResult
    package func kill() async throws -> ChildProcess.Ending {
        self.signal(SIGKILL)
        return try await self.exit()
    }
}
