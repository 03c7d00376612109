import Foundation
import Prompts
import Stages
import Testing

/// The patch stages resolve `prompt_id` through the version files they have read (issue 14: reading and decoding
/// the file was 4% of a ranker request), and still serve a file changed by hand at once, and refuse an unknown or
/// malformed id as before.
struct StagePromptFileTests {
    @Test func aPromptIDIsReadOnceWhileItsFileIsUnchanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-stage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = PromptRegistry(directory: folder)
        let first = try registry.create(family: 1, source: "human", text: "First text.")
        let inputs = StageInputs(registry: registry)
        for _ in 0..<3 { #expect(try inputs.promptText(id: "p_v1_1", text: nil) == "First text.") }
        #expect(inputs.files.reads == 1)

        // A person rewrites the file in place: it is read again.
        let edited = PromptVersion(id: first.id, source: "human", text: "Edited text.", details: first.details)
        try edited.fileContents().write(to: folder.appendingPathComponent("p_v1_1.json"))
        #expect(try inputs.promptText(id: "p_v1_1", text: nil) == "Edited text.")

        #expect(throws: StageInputError.self) { try inputs.promptText(id: "p_v1_9", text: nil) }
        #expect(throws: StageInputError.self) { try inputs.promptText(id: "v1", text: nil) }
    }
}
