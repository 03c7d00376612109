import Foundation
import Testing

/// `pipeline run --remote` asks every service's `/health` before any work: a run that cannot finish fails before it
/// stores a clustering, naming the URL that is down or that serves another service.
struct RemoteServiceCheckTests {
    @Test func aSwappedOrMissingServiceIsNamedBeforeAnyWork() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let ranker = try await ServedKaizen.start(kaizen, ["ranker"])
        defer { ranker.stop() }
        let url = ranker.url("")
        func run(clustering: String, ranker rankerURL: String) async throws -> KaizenExecutable.Run {
            try await kaizen.run([
                "pipeline", "run", "--base", "p_v1_1", "--remote", "--clustering-url", clustering,
                "--patch-generator-url", url, "--ranker-url", rankerURL, "--trainer-url", url,
            ])
        }

        let swapped = try await run(clustering: url, ranker: url)
        #expect(swapped.status == 1, "\(swapped)")
        #expect(
            swapped.stderr.hasPrefix(
                "error: \(url) serves the ranker service, not the failure-clustering; check the service URLs"),
            "\(swapped)")

        let held = try ServePortTests.HeldPort.listen()
        let down = "http://127.0.0.1:\(held.port)"
        held.close()
        let missing = try await run(clustering: down, ranker: url)
        #expect(missing.status == 1, "\(missing)")
        #expect(
            missing.stderr
                == "error: could not reach \(down)/health (is the service running there?): connection refused\n",
            "\(missing)")
        #expect(!missing.stdout.contains("clustering failures"), "\(missing)")
    }
}
