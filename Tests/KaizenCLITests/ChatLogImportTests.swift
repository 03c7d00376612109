import Foundation
import Testing

/// `kaizen experiences import` reads OpenAI-style chat logs besides the experience format.
struct ChatLogImportTests {
    static let lines = [
        #"{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is the fee?"}, {"role": "assistant", "content": "7 EUR."}], "success": false, "prompt_id": "p_v1_1"}"#,
        #"{"id": "e1", "input": "Where is the store?", "response": "Main Street.", "reward": 0.9, "prompt_id": "p_v1_1"}"#,
    ]

    @Test func aFileMixingChatLogsAndExperiencesImports() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("log.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", file])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("2 imported"), "\(run)")
        let again = try await kaizen.run(["experiences", "import", file])
        #expect(
            again.stdout.contains("0 imported, 2 already present"), "the chat line's derived id is stable: \(again)")
        let stats = try await kaizen.run(["experiences", "stats", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 2)
        #expect(object["failures"] as? Int == 1)
    }

    @Test func theExperienceFormatFlagRefusesChatLines() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("log.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", "--format", "experience", file])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("line 1"), "\(run)")
    }
}
