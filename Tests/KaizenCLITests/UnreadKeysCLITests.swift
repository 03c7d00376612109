import Foundation
import Testing

/// `kaizen verify` and `kaizen experiences import` read their lines' keys by name and say which they did not read:
/// a HaluEval-style `knowledge` verified as if there were no context would call every right answer invented.
struct UnreadKeysCLITests {
    static let lines = [
        #"{"id":"a","input":"What is the capital?","knowledge":"Paris is the capital of France.","response":"Paris.","success":true}"#,
        #"{"id":"b","input":"What is the capital?","context":"Paris is the capital of France.","response":"Paris.","success":true}"#,
    ]

    @Test func verifyNamesAKeyItDidNotReadOnStandardError() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("lines.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["verify", "lines.jsonl"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.split(separator: "\n").count == 2, "\(run)")
        #expect(
            run.stderr
                == "note: keys not read, so not used: 'knowledge' on 1 of 2 lines (did you mean 'context'?)\n",
            "\(run)")
    }

    @Test func importNamesAKeyItDidNotStore() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("lines.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", "lines.jsonl"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("'knowledge' on 1 of 2 lines (did you mean 'context'?)"), "\(run)")
        #expect(run.stderr.contains("not stored"), "\(run)")
        let clean = try await kaizen.run(["experiences", "import", "lines.jsonl", "--database", "second.sqlite"])
        #expect(clean.stderr.contains("knowledge"), "\(clean)")
        try kaizen.write("clean.jsonl", Self.lines[1] + "\n")
        let quiet = try await kaizen.run(["experiences", "import", "clean.jsonl", "--database", "third.sqlite"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet)")
    }
}
