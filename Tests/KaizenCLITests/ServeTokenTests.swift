import Foundation
import Testing

/// `kaizen serve` on an address other machines can reach needs `KAIZEN_API_TOKEN`, and then requires it.
struct ServeTokenTests {
    static let refusal =
        "error: --host 0.0.0.0 is reachable from other machines: set KAIZEN_API_TOKEN so callers must send it as a "
        + "bearer token, or bind 127.0.0.1\n"

    @Test func aNonLoopbackHostWithoutATokenIsRefused() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try ServePortTests().runWithDeadline(kaizen, ["serve", "ranker", "--host", "0.0.0.0", "--port", "0"])
        #expect(!run.killed, "the ranker started on 0.0.0.0 without a token")
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix(Self.refusal), "\(run.stderr)")
        let fromEnvironment = try ServePortTests().runWithDeadline(
            kaizen, ["serve", "all"], environment: ["KAIZEN_HTTP_HOST": "0.0.0.0"])
        #expect(!fromEnvironment.killed, "the services started on 0.0.0.0 without a token")
        #expect(fromEnvironment.stderr.hasSuffix(Self.refusal), "\(fromEnvironment.stderr)")
    }

    @Test func withATokenItServesAndRequiresTheToken() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let held = try ServePortTests.HeldPort.listen()
        let port = held.port
        held.close()
        let process = Process()
        process.executableURL = try KaizenExecutable.executableURL()
        process.arguments = ["serve", "ranker", "--host", "0.0.0.0", "--port", "\(port)"]
        process.currentDirectoryURL = kaizen.directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KAIZEN_") }
            .merging(["KAIZEN_API_TOKEN": "cli-test-token"]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        var health: String?
        let deadline = Date().addingTimeInterval(60)
        while health == nil, process.isRunning, Date() < deadline {
            health = SubcommandPathsTests.get("/health", port: port)
            if health == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        let text = try #require(health, "the ranker never answered on port \(port)")
        #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
        let document = try #require(SubcommandPathsTests.get("/openapi.json", port: port))
        #expect(document.hasPrefix("HTTP/1.1 401"), "\(document)")
        #expect(document.lowercased().contains("www-authenticate: bearer"), "\(document)")
    }
}
