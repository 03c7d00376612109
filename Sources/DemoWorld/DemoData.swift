import Experiences
import Foundation
import Verification

/// Real interactions for the demo's first round (`kaizen demo --data`), and the world later rounds ask: HaluEval
/// dialogue records with their questions, or experience lines whose inputs become the questions.
package struct DemoData: Sendable {
    /// The first round's interactions, all under ``DemoWorld/initialPromptID``.
    package var experiences: [Experience]
    /// The world of the later, simulated rounds.
    package var world: DemoWorld

    /// Reads a file's bytes: HaluEval dialogue JSON Lines when the first line has `knowledge` and
    /// `hallucinated_response`, else experience (or chat-log) lines.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - path: the file's name, for messages.
    ///   - limit: at most this many records.
    ///   - seed: which HaluEval records are kept and how their responses are drawn.
    ///   - verifier: scores the HaluEval responses.
    /// - Throws: ``DemoWorldError`` naming the file and its first invalid lines.
    package init(_ data: Data, path: String, limit: Int, seed: UInt64, verifier: Verifier) throws {
        let text = String(decoding: data, as: UTF8.self)
        let firstLine = text.firstJSONLine
        if firstLine.contains("\"knowledge\"") && firstLine.contains("\"hallucinated_response\"") {
            let dialogue = try HaluEvalDialogue(jsonLines: text, limit: limit, seed: seed)
            self.experiences = dialogue.experiences(verifier: verifier, round: 1, seed: seed)
            self.world = dialogue.world
            return
        }
        let parsed = ExperienceImporter().parse(data)
        guard parsed.issues.isEmpty else {
            var reason = parsed.issues.prefix(5).map(\.description).joined(separator: "; ")
            if parsed.experiences.isEmpty {
                // Not one line is an experience: more likely another kind of file than a file of bad lines.
                reason +=
                    " (--data reads HaluEval dialogue lines, with knowledge, dialogue_history, right_response and "
                    + "hallucinated_response, or experience lines, with id, input, response and reward or success)"
            }
            throw DemoWorldError.invalidFile(path, reason: reason)
        }
        let experiences = parsed.experiences.prefix(limit).map { experience -> Experience in
            var experience = experience
            experience.promptID = DemoWorld.initialPromptID
            return experience
        }
        let questions = experiences.map { experience in
            DemoQuestion(
                id: experience.id, documentID: "data", topic: "imported", input: experience.input,
                context: experience.context ?? "",
                reference: experience.reference, kind: experience.metadata["kind"]?.stringValue ?? "answerable",
                format: experience.metadata["format"]?.stringValue)
        }
        self.experiences = Array(experiences)
        self.world = DemoWorld(
            name: "the imported interactions",
            initialPrompt: "SYSTEM: You are a helpful assistant for our customers. Answer their questions.",
            documents: [], questions: questions)
    }
}
