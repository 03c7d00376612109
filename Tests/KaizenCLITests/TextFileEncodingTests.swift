import Foundation
import Testing

/// Text files a user names are read as UTF-8: a byte order mark (which Windows editors write) is dropped, and bytes
/// that are not UTF-8 are refused with the line, rather than repaired into U+FFFD inside an immutable prompt version
/// or a scored response.
struct TextFileEncodingTests {
    @Test func aByteOrderMarkIsDroppedAndOtherEncodingsAreRefused() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Data([0xEF, 0xBB, 0xBF] + Array("You answer questions.\n".utf8)).write(
            to: URL(fileURLWithPath: kaizen.path("bom.txt")))
        try Data(Array("Answer in French.\nR".utf8) + [0xE9, 0x70, 0x6F, 0x6E, 0x64, 0x73]).write(
            to: URL(fileURLWithPath: kaizen.path("latin1.txt")))
        let added = try await kaizen.run(["prompts", "add", "--text-file", "bom.txt"])
        #expect(added.status == 0, "\(added)")
        let shown = try await kaizen.run(["prompts", "show", "p_v1_1"])
        #expect(shown.stdout.contains(#""text": "You answer questions.""#), "\(shown)")

        let refused = try await kaizen.run(["prompts", "add", "--text-file", "latin1.txt"])
        #expect(
            refused.status == 1
                && refused.stderr == "error: --text-file latin1.txt is not UTF-8 text (line 2); save it as UTF-8\n",
            "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: kaizen.path("prompt_registry/p_v2_1.json")))

        try Data(
            Array(#"{"input":"q","response":"ok"}"#.utf8) + [0x0A] + Array(#"{"input":"q","response":"caf"#.utf8)
                + [0xE9] + Array(#""}"#.utf8) + [0x0A]
        ).write(to: URL(fileURLWithPath: kaizen.path("lines.jsonl")))
        let imported = try await kaizen.run(["experiences", "import", "lines.jsonl"])
        #expect(imported.status == 1 && imported.stderr.contains("line 2: not UTF-8 text"), "\(imported)")
        for command in [["verify", "lines.jsonl"], ["calibrate", "lines.jsonl"]] {
            let run = try await kaizen.run(command)
            #expect(
                run.status == 1 && run.stderr == "error: lines.jsonl is not UTF-8 text (line 2); save it as UTF-8\n",
                "\(run)")
        }
    }
}
