import ChildProcesses
import Foundation
import Testing

/// `kaizen serve` on a port another program holds: the error names the port and the service.
struct ServePortTests {
    /// A socket listening on 127.0.0.1 at a port the system picks; closed by ``close()``.
    struct HeldPort {
        let descriptor: Int32
        let port: Int

        static func listen() throws -> HeldPort {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(descriptor, socketAddress, length) == 0 && Glibc.listen(descriptor, 1) == 0
                        && getsockname(descriptor, socketAddress, &length) == 0
                }
            }
            try #require(bound, "could not listen: errno \(errno)")
            return HeldPort(descriptor: descriptor, port: Int(UInt16(bigEndian: address.sin_port)))
        }

        func close() { _ = Glibc.close(self.descriptor) }
    }

    /// Runs `kaizen arguments...`, killing it after `seconds` so a server that did start cannot hang the test.
    func runWithDeadline(
        _ kaizen: KaizenExecutable, _ arguments: [String], environment: [String: String] = [:], seconds: Double = 60
    )
        async throws -> (status: Int32, stderr: String, killed: Bool)
    {
        let log = "stderr-\(UUID().uuidString).log"
        let process = try await BackgroundProcess.start(
            try KaizenExecutable.executableURL().path, arguments,
            environment: KaizenExecutable.environment(adding: environment), directory: kaizen.directory.path,
            errorLog: kaizen.path(log))
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let killed = process.isRunning
        let ending = try await process.stop()
        let text = (try? String(contentsOfFile: kaizen.path(log), encoding: .utf8)) ?? ""
        return (ending.status, text, killed)
    }

    static func balanced(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }

    @Test func aServiceOnATakenPortNamesIt() async throws {
        let held = try HeldPort.listen()
        defer { held.close() }
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await runWithDeadline(kaizen, ["serve", "ranker", "--port", "\(held.port)"])
        #expect(!run.killed, "the server started on a taken port")
        #expect(run.status == 1, "\(run.stderr)")
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("error: ") }, "\(run.stderr)")
        #expect(line.hasPrefix("error: port \(held.port) on 127.0.0.1 (ranker) is already in use"), "\(line)")
        #expect(line.hasSuffix("choose another port with --port or KAIZEN_HTTP_PORT"), "\(line)")
        #expect(Self.balanced(String(line)), "\(line)")
    }

    @Test func underServeAllTheTakenPortAndItsServiceAreNamed() async throws {
        let held = try HeldPort.listen()
        defer { held.close() }
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await runWithDeadline(
            kaizen, ["serve", "all"],
            environment: [
                "KAIZEN_FAILURE_CLUSTERING_PORT": "0", "KAIZEN_PATCH_GENERATOR_PORT": "0",
                "KAIZEN_RANKER_PORT": "\(held.port)", "KAIZEN_RL_TRAINER_PORT": "0",
            ])
        #expect(!run.killed, "the services started on a taken port")
        #expect(run.status == 1, "\(run.stderr)")
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("error: ") }, "\(run.stderr)")
        #expect(line.hasPrefix("error: port \(held.port) on 127.0.0.1 (ranker) is already in use"), "\(line)")
        // The variable `serve all` reads for that service, not --port, which it refuses.
        #expect(line.hasSuffix("choose another port with KAIZEN_RANKER_PORT=PORT"), "\(line)")
        #expect(Self.balanced(String(line)), "\(line)")
    }
}
