import Foundation
import Testing

/// `kaizen demo --base-prompt-file F`: the demo starts from the user's own prompt.
struct DemoBasePromptFileTests {
    @Test func theDemoWritesTheUsersPromptAsTheFirstVersion() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let prompt = "You are the help desk of Example Bank. Answer questions about accounts and cards."
        let file = try kaizen.write("prompt.txt", prompt + "\n\n")
        let run = try await kaizen.run([
            "demo", "--dir", "demo", "--rounds", "1", "--interactions", "20", "--steps", "4", "--base-prompt-file",
            file,
        ])
        #expect(run.status == 0, "\(run)")
        let version = try Data(contentsOf: URL(fileURLWithPath: kaizen.path("demo/prompt_registry/p_v1_1.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: version) as? [String: Any])
        #expect(object["text"] as? String == prompt)
        #expect(object["source"] as? String == "human")
    }

    @Test func aMissingPromptFileFailsBeforeTheDemoStarts() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["demo", "--dir", "demo", "--base-prompt-file", kaizen.path("nothing.txt")])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("nothing.txt: no such file"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: kaizen.path("demo")), "nothing is created")
    }

    @Test func aBlankPromptFileIsRefused() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("blank.txt", "  \n\n")
        let run = try await kaizen.run(["demo", "--dir", "demo", "--base-prompt-file", file])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("is empty"), "\(run)")
    }
}
