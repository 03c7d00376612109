import Experiences
import Foundation
import Randomness
import Verification

/// HaluEval's dialogue set as demo data (`kaizen demo --data halueval_dialogue_data.json`): logged experiences with
/// right or hallucinated responses, and the dialogues as a ``DemoWorld`` for later rounds.
///
/// The file is JSON Lines with fields `knowledge`, `dialogue_history`, `right_response` and
/// `hallucinated_response` (other keys are ignored, blank lines skipped).
package struct HaluEvalDialogue: Sendable, Hashable {
    /// The prompt the HaluEval demo starts from: a chat persona with no grounding, abstention, length or format
    /// instruction (none the simulator's default table finds).
    package static let initialPrompt =
        "SYSTEM: You are a friendly conversational assistant who chats with people "
        + "about movies, books, music and sport. Reply to the user's last message in a natural way."

    /// The records, in file order.
    package var records: [HaluEvalRecord]

    /// Wraps records.
    package init(records: [HaluEvalRecord]) {
        self.records = records
    }

    /// Parses JSON Lines, keeping a seeded sample of `limit` records (in file order) when `limit` is given and
    /// smaller than the file.
    ///
    /// - Throws: ``DemoWorldError`` naming the first line that is not a JSON object or lacks a string field.
    /// - Complexity: O(file size).
    package init(jsonLines text: String, limit: Int? = nil, seed: UInt64 = 0) throws {
        var records: [HaluEvalRecord] = []
        var lineNumber = 0
        for line in text.jsonLines() {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw DemoWorldError.invalidRecord(line: lineNumber, reason: "not a JSON object")
            }
            var fields: [String] = []
            for key in ["knowledge", "dialogue_history", "right_response", "hallucinated_response"] {
                guard let value = object[key] else {
                    throw DemoWorldError.invalidRecord(line: lineNumber, reason: "field '\(key)' is required")
                }
                guard let string = value as? String else {
                    throw DemoWorldError.invalidRecord(
                        line: lineNumber, reason: "field '\(key)' has the wrong type (expected a string)")
                }
                fields.append(string)
            }
            records.append(
                HaluEvalRecord(
                    line: lineNumber, knowledge: fields[0], dialogueHistory: fields[1], rightResponse: fields[2],
                    hallucinatedResponse: fields[3]))
        }
        if let limit, limit < records.count {
            var rng = SplitMix64.derived(seed: seed, stream: 0x4841_4C55)
            let kept = rng.shuffled(Array(records.indices)).prefix(max(0, limit)).sorted()
            records = kept.map { records[$0] }
        }
        self.init(records: records)
    }

    /// Reads a JSON Lines file (see ``init(jsonLines:limit:seed:)``).
    ///
    /// - Throws: ``DemoWorldError`` when the file cannot be read or a line is invalid.
    package static func load(path: String, limit: Int? = nil, seed: UInt64 = 0) throws -> HaluEvalDialogue {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DemoWorldError.unreadable(path, reason: "\(error.localizedDescription)")
        }
        return try HaluEvalDialogue(jsonLines: text, limit: limit, seed: seed)
    }

    /// The dialogues as a world: each record's dialogue as the input and its knowledge as the context, with no
    /// reference (the simulator then answers from the knowledge sentence that best overlaps the dialogue), so new
    /// interactions can be logged under new prompts.
    package var world: DemoWorld {
        DemoWorld(
            name: "HaluEval dialogue", initialPrompt: Self.initialPrompt, documents: [],
            questions: self.records.map { record in
                DemoQuestion(
                    id: "halueval_\(record.line)", topic: "dialogue", input: record.dialogueHistory,
                    context: record.knowledge)
            })
    }

    /// The records as logged experiences: each record's response is its right or hallucinated one by a seeded coin.
    ///
    /// Experience `i` (record on line `l`) has id `halueval-<l>`, `created_at` `start + round days + i minutes`,
    /// input = dialogue, context = knowledge, reward = the verifier's reward, and the data's label as the truth:
    /// a hallucinated response has `success == false` and `failure_type == "hallucination"`, a right one
    /// `success == true`. Metadata: `source` (`halueval_dialogue`), `label` (`right` or `hallucinated`), `line`,
    /// `round`, and the verifier's own `hallucination` flag and `failure_modes`.
    ///
    /// - Parameters:
    ///   - verifier: scores each response.
    ///   - promptID: the prompt id to log them under. Default ``DemoWorld/initialPromptID``.
    ///   - round: the round, for the timeline and metadata. Default 0.
    ///   - hallucinatedShare: the coin's chance of the hallucinated response. Default 0.5.
    ///   - seed: the coin's seed (record `l` uses stream `l`).
    ///   - configuration: its `start` fixes the timeline. Default: the default configuration.
    /// - Complexity: O(total text length).
    package func experiences(
        verifier: Verifier,
        promptID: String = DemoWorld.initialPromptID,
        round: Int = 0,
        hallucinatedShare: Double = 0.5,
        seed: UInt64,
        configuration: InteractionLogConfiguration = InteractionLogConfiguration()
    ) -> [Experience] {
        self.records.enumerated().map { index, record in
            var coin = SplitMix64.derived(seed: seed, stream: UInt64(record.line))
            let hallucinated = coin.nextUnitDouble() < hallucinatedShare
            var experience = Experience(
                id: "halueval-\(record.line)",
                createdAt: configuration.start.addingTimeInterval(Double(round) * 86_400 + Double(index) * 60),
                promptID: promptID, input: record.dialogueHistory, context: record.knowledge,
                response: hallucinated ? record.hallucinatedResponse : record.rightResponse,
                success: !hallucinated, failureType: hallucinated ? "hallucination" : nil,
                metadata: [
                    "source": "halueval_dialogue", "label": .string(hallucinated ? "hallucinated" : "right"),
                    "line": .integer(record.line), "round": .integer(round),
                ])
            let verdict = verifier.verify(experience)
            experience.reward = verdict.reward
            experience.metadata["hallucination"] = .bool(verdict.hallucination)
            experience.metadata["failure_modes"] = .array(verdict.failureModes.map { .string($0.rawValue) })
            return experience
        }
    }
}
