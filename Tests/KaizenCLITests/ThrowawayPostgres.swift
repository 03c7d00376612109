import ChildProcesses
import Foundation

/// A PostgreSQL server of the test's own (Debian's `initdb` and `pg_ctl`, a free port on 127.0.0.1, a temporary
/// folder), so a test may stop and restart it without touching the server other tests use. As root, the commands run
/// as the `postgres` user, as `.ci/run` does.
final class ThrowawayPostgres: Sendable {
    let binaries: URL
    let folder: URL
    let port: Int
    private let asPostgres: Bool

    /// The server's programs, or `nil` when PostgreSQL is not installed.
    static var binaryFolder: URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).sorted().last.map {
            root.appendingPathComponent("\($0)/bin")
        }
        .flatMap { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) ? $0 : nil }
    }

    /// A command failed; its output says why.
    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates a cluster in a new temporary folder, starts it, and creates the database `kaizen`. A server that does
    /// not come up is tried again, up to three times, on a new port and folder: the free port found is released before
    /// the server binds it, and a test running beside this one can take it in between (seen once in CI: "waiting for
    /// server to start.... stopped waiting").
    static func make() async throws -> ThrowawayPostgres {
        var failure: (any Error)?
        for _ in 0..<3 {
            do {
                return try await Self.makeOnce()
            } catch {
                failure = error
            }
        }
        throw failure!
    }

    /// One attempt of ``make()``; its error carries the end of the server's log.
    private static func makeOnce() async throws -> ThrowawayPostgres {
        let server = try ThrowawayPostgres()
        do {
            if server.asPostgres {
                try await server.run("/bin/chown", ["postgres:postgres", server.folder.path], asPostgres: false)
            }
            try await server.run(
                "initdb", ["-D", server.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                asPostgres: server.asPostgres)
            try await server.start()
            try await server.run(
                "psql", ["-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", "-qc", "CREATE DATABASE kaizen"],
                asPostgres: false)
        } catch {
            let log =
                (try? String(contentsOf: server.folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            await server.remove()
            throw CommandFailed(description: "\(error); server log: \(log.suffix(600))")
        }
        return server
    }

    private init() throws {
        guard let binaries = Self.binaryFolder else { throw CommandFailed(description: "PostgreSQL is not installed") }
        self.binaries = binaries
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kaizen-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        self.asPostgres = getuid() == 0
        let held = try ServePortTests.HeldPort.listen()
        self.port = held.port
        held.close()
    }

    /// The address of the database `kaizen`, answering within `timeout` seconds.
    func url(timeout: Int) -> String { "postgres://postgres@127.0.0.1:\(self.port)/kaizen?timeout=\(timeout)" }

    private var data: String { self.folder.appendingPathComponent("data").path }

    /// Starts the server on the same port and data folder, and waits until it accepts connections.
    func start() async throws {
        try await self.run(
            "pg_ctl",
            [
                "-D", self.data, "-l", self.folder.appendingPathComponent("server.log").path, "-w", "-o",
                "-p \(self.port) -k \(self.folder.path) -c listen_addresses=127.0.0.1", "start",
            ], asPostgres: self.asPostgres)
    }

    /// Stops the server at once, closing every connection (`-m fast`).
    func stop() async throws {
        try await self.run("pg_ctl", ["-D", self.data, "-m", "fast", "-w", "stop"], asPostgres: self.asPostgres)
    }

    /// Stops the server if it runs, and deletes its folder.
    func remove() async {
        try? await self.stop()
        try? FileManager.default.removeItem(at: self.folder)
    }

    /// Runs a command to its end (through ``ChildProcess``, which leaks no descriptor into the server that
    /// `pg_ctl start` leaves running, and blocks no thread while it waits).
    private func run(_ program: String, _ arguments: [String], asPostgres: Bool) async throws {
        let path = program.hasPrefix("/") ? program : self.binaries.appendingPathComponent(program).path
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments : [path] + arguments
        let finished = try await ChildProcess.run(
            command[0], Array(command.dropFirst()), environment: ChildProcess.inherited())
        guard finished.ending == .exited(0) else {
            throw CommandFailed(
                description: "\(program) \(arguments.joined(separator: " ")) failed (\(finished.ending)): "
                    + finished.stdout + finished.stderr)
        }
    }
}
