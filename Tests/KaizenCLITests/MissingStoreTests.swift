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

    /// A store path that is a folder, or lies below a file, is named as such (it was "SQLite error 14: unable to
    /// open database file" and Foundation's "Code=516 ... File exists").
    @Test func aStorePathThatCannotBeAFileIsNamed() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("logs.jsonl", #"{"id": "e1", "input": "q", "response": "r", "success": true}"# + "\n")
        try FileManager.default.createDirectory(atPath: kaizen.path("folder"), withIntermediateDirectories: true)
        for (arguments, message) in [
            (
                ["experiences", "import", "logs.jsonl", "--database", "folder"],
                "the experience store folder is a folder; point --database (KAIZEN_DATABASE_URL) at a SQLite file"
            ),
            (
                ["experiences", "stats", "--database", "folder"],
                "the experience store folder is a folder; point --database (KAIZEN_DATABASE_URL) at a SQLite file"
            ),
            (
                ["experiences", "import", "logs.jsonl", "--database", "logs.jsonl/store.sqlite"],
                "--database (KAIZEN_DATABASE_URL) logs.jsonl/store.sqlite: \(kaizen.path("logs.jsonl")) is a file, not a folder"
            ),
        ] {
            let run = try await kaizen.run(arguments)
            #expect(run.status == 1 && run.stderr == "error: \(message)\n", "\(run)")
        }
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
