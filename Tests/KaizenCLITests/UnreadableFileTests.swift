import Foundation
import Testing

/// A file the user names that cannot be read: one `error: cannot read F: <why>` line, no usage text.
struct UnreadableFileTests {
    /// Commands that read a file the user names, with `FILE` where the path goes.
    static let fileReaders: [[String]] = [
        ["experiences", "import", "FILE"],
        ["verify", "FILE"],
        ["prompts", "add", "--text-file", "FILE"],
        [
            "patches", "--prompt", "p_v1_1", "--clustering", "clu", "--cluster", "cluster_1", "--simulator-effects",
            "FILE",
        ],
        ["rank", "--prompt", "p_v1_1", "--clustering", "clu", "--cluster", "cluster_1", "--candidates", "FILE"],
        ["demo", "--dir", "demo", "--data", "FILE"],
    ]

    @Test(arguments: 0..<fileReaders.count)
    func anUnreadableFileIsNamedWithTheReasonAndNoUsage(_ index: Int) async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try FileManager.default.createDirectory(atPath: kaizen.path("folder.jsonl"), withIntermediateDirectories: true)
        if ["patches", "rank"].contains(Self.fileReaders[index][0]) {
            // Both open the store (which they do not create) before they read the file, and rank resolves the prompt.
            try kaizen.write(
                "one.jsonl", #"{"id": "e1", "prompt_id": "p_v1_1", "input": "q", "response": "r", "success": true}"#)
            _ = try await kaizen.run(["experiences", "import", "one.jsonl"])
            try kaizen.write("prompt.txt", "SYSTEM: Answer from the context.")
            _ = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"])
        }
        for (file, reason) in [("missing.jsonl", "no such file"), ("folder.jsonl", "it is a directory")] {
            let arguments = Self.fileReaders[index].map { $0 == "FILE" ? file : $0 }
            let run = try await kaizen.run(arguments)
            #expect(run.status == 1, "\(arguments): \(run)")
            #expect(run.stderr.hasPrefix("error: cannot read "), "\(arguments): \(run)")
            #expect(run.stderr.contains("\(file): \(reason)"), "\(arguments): \(run)")
            #expect(!run.stderr.contains("Usage:"), "\(arguments): \(run)")
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file; permissions cannot be tested as root"))
    func aFileWithoutReadPermissionSaysSo() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let path = try kaizen.write("secret.jsonl", "{}\n")
        chmod(path, 0)
        let run = try await kaizen.run(["verify", "secret.jsonl"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("secret.jsonl: permission denied"), "\(run)")
    }
}
