import DemoWorld
import Experiences
import Foundation
import Testing
import Verification

/// What `kaizen demo` hands its session: the first round's data, read from a file's bytes, and the working folder.
struct DemoSessionInputsTests {
    static let lines =
        (0..<5).map { index in
            #"{"id":"u\#(index)","input":"When does store \#(index) open?","context":"Stores open at 9.","response":"At 9.","success":true,"prompt_id":"p_v7_1","metadata":{"kind":"numeric"}}"#
        }.joined(separator: "\n") + "\n"

    @Test func experienceLinesBecomeTheFirstRoundAndTheQuestionsOfLaterOnes() throws {
        let data = try DemoData(Data(Self.lines.utf8), path: "mine.jsonl", limit: 3, seed: 1, verifier: try Verifier())
        #expect(data.experiences.map(\.id) == ["u0", "u1", "u2"])
        #expect(data.experiences.allSatisfy { $0.promptID == DemoWorld.initialPromptID })
        #expect(data.world.questions.map(\.input) == data.experiences.map(\.input))
        #expect(data.world.questions.allSatisfy { $0.kind == "numeric" && $0.context == "Stores open at 9." })
        #expect(data.world.documents.isEmpty)
    }

    /// Only the first line decides the kind of file, with Windows line endings too: "\r\n" is one Character to
    /// Swift, so the "first line" was the whole file, and a later experience whose metadata names HaluEval's keys
    /// made it read as dialogues.
    @Test func theFirstLineDecidesWhateverTheLineEndings() throws {
        let later =
            #"{"id":"u9","input":"q","response":"r","reward":0.2,"metadata":{"knowledge":"k","hallucinated_response":"h"}}"#
        let unix = Self.lines + later + "\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        for text in [unix, windows] {
            let data = try DemoData(Data(text.utf8), path: "mine.jsonl", limit: 10, seed: 1, verifier: try Verifier())
            #expect(data.experiences.map(\.id) == ["u0", "u1", "u2", "u3", "u4", "u9"])
        }
    }

    @Test func haluEvalLinesAreReadAsDialogues() throws {
        let line =
            #"{"knowledge": "Dune is written by Frank Herbert.", "dialogue_history": "[Human]: Who wrote Dune? ", "right_response": "Frank Herbert wrote it.", "hallucinated_response": "Isaac Asimov wrote it in 1972."}"#
        let data = try DemoData(
            Data((line + "\n").utf8), path: "halu.jsonl", limit: 10, seed: 1, verifier: try Verifier())
        #expect(data.experiences.count == 1)
        #expect(data.world.questions.count == 1)
        #expect(data.world.initialPrompt == HaluEvalDialogue.initialPrompt)
    }

    @Test func invalidLinesAreNamedWithTheFile() throws {
        let text = Self.lines + #"{"id":"bad","input":"x"}"# + "\n"
        #expect {
            try DemoData(Data(text.utf8), path: "mine.jsonl", limit: 10, seed: 1, verifier: try Verifier())
        } throws: { error in
            let message = (error as? DemoWorldError)?.description ?? ""
            return message.hasPrefix("mine.jsonl: ") && message.contains("line 6") && !message.contains("--data reads")
        }
    }

    /// A file with no experience line at all (HaluEval summarization, say) is more likely the wrong kind of file
    /// than a file of bad lines, so the message says which kinds `--data` reads.
    @Test func aFileOfAnotherKindIsToldWhatDataReads() throws {
        let line =
            #"{"document": "The museum opened in 1990.", "right_summary": "It opened in 1990.", "hallucinated_summary": "It opened in 1850."}"#
        #expect {
            try DemoData(
                Data((line + "\n").utf8), path: "summaries.jsonl", limit: 10, seed: 1, verifier: try Verifier())
        } throws: { error in
            let message = (error as? DemoWorldError)?.description ?? ""
            return message.hasPrefix("summaries.jsonl: line 1: field 'id' is required")
                && message.contains("--data reads HaluEval dialogue lines, with knowledge, dialogue_history")
        }
    }

    @Test func aFolderIsPreparedOnlyWhenItHoldsNothingButADemo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("demo-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DemoFolder(path: root.path)
        #expect(try folder.prepare(fresh: false) == .ready)
        #expect(folder.registryPath == root.appendingPathComponent("prompt_registry").path)
        #expect(folder.reportsURL.path == root.appendingPathComponent("reports").path)

        try FileManager.default.createDirectory(atPath: folder.registryPath, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder.registryPath).appendingPathComponent("p_v1_1.json"))
        #expect(try folder.prepare(fresh: false) == .holdsDemo)
        #expect(try folder.prepare(fresh: true) == .ready)
        #expect(!FileManager.default.fileExists(atPath: root.path), "the previous demo is deleted")

        try FileManager.default.createDirectory(atPath: folder.registryPath, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: root.appendingPathComponent("thesis.txt"))
        #expect(try folder.prepare(fresh: true) == .holdsOtherFiles(["thesis.txt"]))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("thesis.txt").path))
    }
}
