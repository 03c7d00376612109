import Foundation
import Testing

/// `KAIZEN_DATABASE_URL=postgres://...` chooses the PostgreSQL store wherever the SQLite one was chosen.
struct PostgresDatabaseCLITests {
    @Test func anIncompleteAddressIsOneLineSayingWhatIsMissing() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(
            ["experiences", "stats"], environment: ["KAIZEN_DATABASE_URL": "postgres://127.0.0.1/kaizen"])
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stderr
                == "error: invalid KAIZEN_DATABASE_URL: the address has no user name (e.g. postgres://kaizen:secret@127.0.0.1:5432/kaizen)\n",
            "\(run)")
    }

    @Test func anUnreachableServerIsOneLineNamingIt() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        // Port 9 (discard) on loopback: nothing listens there. The pool keeps trying; the timeout ends the wait.
        let run = try await kaizen.run(
            ["experiences", "stats"],
            environment: ["KAIZEN_DATABASE_URL": "postgres://kaizen@127.0.0.1:9/kaizen?timeout=2"])
        #expect(run.status == 1, "\(run)")
        // One line in all, as Docs/deployment.md says: not the client's log of every failed connection attempt.
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("error: ") == true, "\(run)")
        #expect(lines.first?.contains("PostgreSQL at 127.0.0.1:9/kaizen") == true, "\(run)")
    }

    /// Imports into PostgreSQL and reads the counts back through a second command (a second process).
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["KAIZEN_TEST_DATABASE_URL"] != nil,
            "KAIZEN_TEST_DATABASE_URL is not set"))
    func importAndStatsGoThroughPostgres() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let base = try #require(ProcessInfo.processInfo.environment["KAIZEN_TEST_DATABASE_URL"])
        let schema = "kaizen_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
        try kaizen.write(
            "log.jsonl",
            #"""
            {"id": "a", "input": "q1", "response": "r1", "reward": 0.2, "prompt_id": "p_v1_1"}
            {"id": "b", "input": "q2", "response": "r2", "success": true, "prompt_id": "p_v1_1"}
            """# + "\n")
        let imported = try await kaizen.run(
            ["experiences", "import", "log.jsonl"], environment: ["KAIZEN_DATABASE_URL": url])
        #expect(imported.status == 0, "\(imported)")
        let stats = try await kaizen.run(["experiences", "stats", "--json"], environment: ["KAIZEN_DATABASE_URL": url])
        #expect(stats.status == 0, "\(stats)")
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["total"] as? Int == 2, "\(stats)")
        #expect(object?["failures"] as? Int == 1, "\(stats)")
        #expect(!FileManager.default.fileExists(atPath: kaizen.path("kaizen-data")), "no SQLite file was made")
    }
}
