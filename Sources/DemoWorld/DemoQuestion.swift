import Experiences

/// A question of a demo world: what a customer asks, the knowledge the model is given, and (for generated worlds)
/// a reference answer.
///
/// `kind` and `format` go into an experience's `metadata.kind` and `metadata.format`, which the simulator's effect
/// table and the verifier's format rule read (see `Docs/simulator.md`).
package struct DemoQuestion: Sendable, Hashable, Codable {
    /// A stable id within the world, e.g. `q_017`.
    package var id: String
    /// The document the question is about, when there is one.
    package var documentID: String?
    /// What the fact is about, e.g. `price` or `manager` (`unanswerable` questions name what is missing).
    package var topic: String
    /// The user's turn.
    package var input: String
    /// The knowledge passage given to the model.
    package var context: String
    /// The gold answer: a fact sentence, or an abstention for `unanswerable` questions; `nil` when unknown.
    package var reference: String?
    /// `answerable`, `unanswerable` or `numeric`; `nil` leaves it to the effect table's default kind.
    package var kind: String?
    /// `json` or `bullets` when the answer must have that format, else `nil`.
    package var format: String?

    /// Creates a question.
    package init(
        id: String,
        documentID: String? = nil,
        topic: String,
        input: String,
        context: String,
        reference: String? = nil,
        kind: String? = nil,
        format: String? = nil
    ) {
        self.id = id
        self.documentID = documentID
        self.topic = topic
        self.input = input
        self.context = context
        self.reference = reference
        self.kind = kind
        self.format = format
    }

    /// The metadata an experience for this question carries: `kind` and `format` when set, and `question_id`.
    package var metadata: [String: JSONValue] {
        var metadata: [String: JSONValue] = ["question_id": .string(self.id)]
        if let kind = self.kind { metadata["kind"] = .string(kind) }
        if let format = self.format { metadata["format"] = .string(format) }
        return metadata
    }

    /// The question as an experience with an empty response, so a model can be asked it
    /// (`GenerationRequest(systemPrompt:experience:)` reads input, context, reference, kind and format).
    package var unanswered: Experience {
        Experience(
            id: self.id, input: self.input, context: self.context, response: "", reference: self.reference,
            metadata: self.metadata)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case documentID = "document_id"
        case topic, input, context, reference, kind, format
    }
}
