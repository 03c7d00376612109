import Foundation
import Testing

/// Every failure reads alike: one line starting `error: `, in words a user acts on.
struct ErrorStyleTests {
    @Test func everyErrorStartsWithLowercaseError() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let runs = [
            try await kaizen.run(["verify", "missing.jsonl"]),  // a command's own failure
            try await kaizen.run(["cluster", "--k-min", "5", "--k-max", "2"]),  // a usage mistake
            try await kaizen.run(["prompts", "show", "p_v3_3"]),  // a registry error
            try await kaizen.run(["experiences", "stats", "--database", "http://example.com/db"]),  // a bad store URL
        ]
        for run in runs {
            #expect(run.status != 0, "\(run)")
            #expect(run.stderr.hasPrefix("error: "), "\(run)")
            #expect(!run.stderr.contains("Error:"), "\(run)")
        }
        #expect(!runs[3].stderr.contains("Usage:"), "a store URL is not a command-line mistake: \(runs[3])")
    }

    @Test func aLineWithNeitherRewardNorSuccessIsExplainedPlainly() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("bad.jsonl", #"{"id": "a", "input": "q", "response": "r"}"# + "\n")
        let run = try await kaizen.run(["experiences", "import", "bad.jsonl"])
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stderr.contains("line 1: has neither 'reward' (a number from 0 to 1) nor 'success' (true or false)"),
            "\(run)")
        #expect(!run.stderr.contains("field 'reward' one of"), "\(run)")
    }
}
