import Foundation
import Testing

/// A command that only reads the store refuses one that is not there, instead of creating an empty file at a
/// mistyped path and reporting "0 experiences" or "too few failures"; the commands that log interactions create it.
struct MissingStoreTests {
    @Test(arguments: [
        ["experiences", "stats", "--database", "experiences.sqllite"],
        ["cluster", "--database", "typo/experiences.sqlite"],
        ["pipeline", "run", "--base", "latest", "--database", "typo/experiences.sqlite"],
        ["train", "--base", "latest", "--clustering", "clu-1", "--database", "typo/experiences.sqlite"],
        ["eval", "latest", "--held-out-of", "job-1", "--database", "typo/experiences.sqlite"],
    ])
    func aReadingCommandRefusesAStoreThatIsNotThere(_ arguments: [String]) async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("prompt.txt", "SYSTEM: You are a support assistant.")
        let added = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"])
        try #require(added.status == 0, "\(added)")
        let path = try #require(arguments.last)

        let run = try await kaizen.run(arguments)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("error: no experience store at \(path): check --database"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: kaizen.path(path)), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: kaizen.path("typo")), "\(run)")
    }

    @Test func importingCreatesTheStoreAndThenItReads() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write(
            "logs.jsonl",
            #"{"id": "e1", "prompt_id": "p_v1_1", "input": "q", "response": "r", "success": false}"# + "\n")
        let imported = try await kaizen.run(["experiences", "import", "logs.jsonl", "--database", "new/store.sqlite"])
        #expect(imported.status == 0, "\(imported)")
        let stats = try await kaizen.run(["experiences", "stats", "--json", "--database", "new/store.sqlite"])
        #expect(stats.status == 0, "\(stats)")
        #expect(stats.stdout.contains("\"total\" : 1") || stats.stdout.contains("\"total\": 1"), "\(stats)")
    }
}
