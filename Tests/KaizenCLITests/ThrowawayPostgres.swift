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

    /// Creates a cluster in a new temporary folder, starts it, and creates the database `kaizen`.
    static func make() async throws -> ThrowawayPostgres {
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
            await server.remove()
            throw error
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

    /// Runs a command to its end with `posix_spawn` and `waitpid`, its output in a file: Foundation's `Process` did
    /// not reap `runuser` here once `pg_ctl start` had left the server running.
    /// On a thread of its own: `waitpid` blocks, and the test process's few concurrency threads serve every test.
    private func run(_ program: String, _ arguments: [String], asPostgres: Bool) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                continuation.resume(with: Result { try self.runBlocking(program, arguments, asPostgres: asPostgres) })
            }
            .start()
        }
    }

    private func runBlocking(_ program: String, _ arguments: [String], asPostgres: Bool) throws {
        let path = program.hasPrefix("/") ? program : self.binaries.appendingPathComponent(program).path
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments : [path] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-pg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv = command.map { strdup($0) } + [nil]
        defer {
            for argument in argv { free(argument) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard spawned == 0 else {
            throw CommandFailed(description: "\(command[0]) could not be started (errno \(spawned))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw CommandFailed(description: "\(program) \(arguments.joined(separator: " ")) failed: \(text)")
        }
    }
}
