import Foundation
import Testing

/// `kaizen serve` on an address other machines can reach needs `KAIZEN_API_TOKEN`, and then requires it.
struct ServeTokenTests {
    static let refusal =
        "error: --host 0.0.0.0 is reachable from other machines: set KAIZEN_API_TOKEN so callers must send it as a "
        + "bearer token, or bind 127.0.0.1\n"

    @Test func aNonLoopbackHostWithoutATokenIsRefused() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await ServePortTests().runWithDeadline(
            kaizen, ["serve", "ranker", "--host", "0.0.0.0", "--port", "0"])
        #expect(!run.killed, "the ranker started on 0.0.0.0 without a token")
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix(Self.refusal), "\(run.stderr)")
        let fromEnvironment = try await ServePortTests().runWithDeadline(
            kaizen, ["serve", "all"], environment: ["KAIZEN_HTTP_HOST": "0.0.0.0"])
        #expect(!fromEnvironment.killed, "the services started on 0.0.0.0 without a token")
        #expect(fromEnvironment.stderr.hasSuffix(Self.refusal), "\(fromEnvironment.stderr)")
    }

    @Test func withATokenItServesAndRequiresTheToken() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let ranker = try await ServedKaizen.start(
            kaizen, ["ranker", "--host", "0.0.0.0"], environment: ["KAIZEN_API_TOKEN": "cli-test-token"])
        defer { ranker.stop() }
        #expect(ranker.health.hasPrefix("HTTP/1.1 200"), "\(ranker.health)")
        let document = try #require(SubcommandPathsTests.get("/openapi.json", port: ranker.port))
        #expect(document.hasPrefix("HTTP/1.1 401"), "\(document)")
        #expect(document.lowercased().contains("www-authenticate: bearer"), "\(document)")
    }
}
