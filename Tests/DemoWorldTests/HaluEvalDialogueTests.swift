import DemoWorld
import Experiences
import Foundation
import LanguageModels
import Testing
import Verification

struct HaluEvalDialogueTests {
    static let sample = """
        {"knowledge": "Iron Man is starring Robert Downey Jr.Robert Downey Jr. starred in Zodiac (Crime Fiction Film)Zodiac (Crime Fiction Film) is starring Jake Gyllenhaal", "dialogue_history": "[Human]: Do you like Iron Man [Assistant]: Sure do! Robert Downey Jr. is a favorite. [Human]: Yes i like him too did you know he also was in Zodiac a crime fiction film. ", "right_response": "I like crime fiction! Didn't know RDJ was in there. Jake Gyllenhaal starred as well.", "hallucinated_response": "I'm not a fan of crime movies, but I did know that RDJ starred in Zodiac with Tom Hanks."}

        {"knowledge": "The Secret Life of Bees has genre Teen drama. Teen drama has examples: A Walk to Remember", "dialogue_history": "[Human]: Could you recommend any books like The Secret Life of Bees? ", "right_response": "Have you heard about A Walk to Remember? It is also a teen drama.", "hallucinated_response": "Try The Notebook by Nicholas Sparks, a teen drama from 1996.", "extra": 1}
        {"knowledge": "Titanic was directed by James Cameron. Titanic was released in 1997.", "dialogue_history": "[Human]: Who directed Titanic? ", "right_response": "James Cameron directed it, and it came out in 1997.", "hallucinated_response": "Steven Spielberg directed it in 1995."}
        {"knowledge": "Dune is written by Frank Herbert. Dune has genre Science Fiction.", "dialogue_history": "[Human]: I loved Dune. Who wrote it? ", "right_response": "Frank Herbert wrote Dune. It is science fiction.", "hallucinated_response": "Dune was written by Isaac Asimov in 1972."}
        """

    @Test func parsesRecordsWithTheirLineNumbers() throws {
        let data = try HaluEvalDialogue(jsonLines: Self.sample)
        #expect(data.records.map(\.line) == [1, 3, 4, 5])
        #expect(data.records[2].knowledge.hasPrefix("Titanic"))
        #expect(data.records[2].hallucinatedResponse == "Steven Spielberg directed it in 1995.")
    }

    @Test func windowsLineEndingsReadAsTheSameRecords() throws {
        let windows = Self.sample.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(windows.contains("\r\n"))
        #expect(try HaluEvalDialogue(jsonLines: windows) == HaluEvalDialogue(jsonLines: Self.sample))
    }

    @Test func aLimitKeepsASeededSampleInFileOrder() throws {
        let first = try HaluEvalDialogue(jsonLines: Self.sample, limit: 2, seed: 9)
        #expect(first.records.count == 2)
        #expect(first.records.map(\.line) == first.records.map(\.line).sorted())
        #expect(first == (try HaluEvalDialogue(jsonLines: Self.sample, limit: 2, seed: 9)))
        let samples = Set(
            try (0..<20).map { try HaluEvalDialogue(jsonLines: Self.sample, limit: 2, seed: $0).records })
        #expect(samples.count > 1)
        #expect(try HaluEvalDialogue(jsonLines: Self.sample, limit: 10).records.count == 4)
    }

    @Test func badLinesAreNamed() {
        #expect(throws: DemoWorldError.invalidRecord(line: 2, reason: "not a JSON object")) {
            let good =
                #"{"knowledge": "k", "dialogue_history": "d", "right_response": "r", "#
                + #""hallucinated_response": "h"}"#
            _ = try HaluEvalDialogue(jsonLines: good + "\n[1]")
        }
        do {
            _ = try HaluEvalDialogue(jsonLines: "{\"knowledge\": \"k\", \"dialogue_history\": 3}")
            Issue.record("expected an error")
        } catch let error as DemoWorldError {
            #expect(error.description == "line 1: field 'dialogue_history' has the wrong type (expected a string)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func experiencesFollowTheSeededCoinAndTheDataLabels() throws {
        let data = try HaluEvalDialogue(jsonLines: Self.sample)
        let verifier = try Verifier()
        let experiences = data.experiences(verifier: verifier, seed: 4)
        #expect(experiences == data.experiences(verifier: verifier, seed: 4))
        #expect(experiences.map(\.id) == ["halueval-1", "halueval-3", "halueval-4", "halueval-5"])
        for (experience, record) in zip(experiences, data.records) {
            let hallucinated = experience.metadata["label"] == .string("hallucinated")
            #expect(experience.response == (hallucinated ? record.hallucinatedResponse : record.rightResponse))
            #expect(experience.success == !hallucinated)
            #expect(experience.failureType == (hallucinated ? "hallucination" : nil))
            #expect(experience.input == record.dialogueHistory && experience.context == record.knowledge)
            #expect(experience.reward == verifier.verify(experience).reward)
            #expect(experience.promptID == "p_v1_1")
        }
        // Across seeds both responses are used.
        let labels = Set(
            (0..<10).flatMap { seed in
                data.experiences(verifier: verifier, seed: seed).compactMap { $0.metadata["label"] }
            })
        #expect(labels == ["right", "hallucinated"])
        #expect(data.experiences(verifier: verifier, hallucinatedShare: 1, seed: 0).allSatisfy { $0.success == false })
    }

    @Test func theWorldCanBeAskedAgainThroughTheSimulator() async throws {
        let world = try HaluEvalDialogue(jsonLines: Self.sample).world
        #expect(world.questions.count == 4)
        #expect(world.questions.allSatisfy { $0.reference == nil && $0.kind == nil })
        let experiences = try await world.logExperiences(
            prompt: (id: "p_v1_2", text: world.initialPrompt + " Only use the context."), round: 1, count: 8,
            model: Simulator(), verifier: try Verifier(), seed: 2)
        #expect(experiences.count == 8)
        let titanic = try #require(experiences.first { $0.input.contains("Titanic") && $0.failureType == nil })
        #expect(titanic.response.contains("James Cameron"))
    }

    /// The real file, when it is beside the repository (`../shared/data`).
    static let realFile = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/halueval_dialogue_data.json").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: realFile)))
    func theRealFileLoadsAndTheVerifierSeparatesItsLabels() throws {
        let data = try HaluEvalDialogue.load(path: Self.realFile, limit: 400, seed: 1)
        #expect(data.records.count == 400)
        let experiences = data.experiences(verifier: try Verifier(), seed: 1)
        let flagged = { (label: String) -> Double in
            let group = experiences.filter { $0.metadata["label"] == .string(label) }
            return Double(group.filter { $0.metadata["hallucination"] == .bool(true) }.count) / Double(group.count)
        }
        // The domain-general grounding model separates HaluEval dialogue only weakly (balanced accuracy 0.55 on its
        // held-out half, see Benchmarks/README.md): its human right responses add facts the knowledge does not state.
        #expect(flagged("hallucinated") > flagged("right") + 0.05)
    }
}
