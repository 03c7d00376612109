/// One record of HaluEval's dialogue set: knowledge, a dialogue, and a right and a hallucinated response to it.
package struct HaluEvalRecord: Sendable, Hashable, Codable {
    /// The record's line in its file, from 1.
    package var line: Int
    /// The knowledge snippet (often sentences glued without spaces).
    package var knowledge: String
    /// The dialogue so far (`[Human]: … [Assistant]: …`).
    package var dialogueHistory: String
    /// A response the data labels as right.
    package var rightResponse: String
    /// A response the data labels as hallucinated.
    package var hallucinatedResponse: String

    /// Creates a record.
    package init(
        line: Int, knowledge: String, dialogueHistory: String, rightResponse: String, hallucinatedResponse: String
    ) {
        self.line = line
        self.knowledge = knowledge
        self.dialogueHistory = dialogueHistory
        self.rightResponse = rightResponse
        self.hallucinatedResponse = hallucinatedResponse
    }

    enum CodingKeys: String, CodingKey {
        case line, knowledge
        case dialogueHistory = "dialogue_history"
        case rightResponse = "right_response"
        case hallucinatedResponse = "hallucinated_response"
    }
}
