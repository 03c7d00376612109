/// A small knowledge-grounded world for `kaizen demo`: documents, questions about them, and the first prompt
/// version that serves them.
///
/// A generated world (``generate(configuration:)``) is a fictional outdoor-gear retailer whose products, membership
/// plans and stores are described by fact sentences; its questions have reference answers and kinds the simulator's
/// default effect table knows (`answerable`, `unanswerable`, `numeric`, some with a `json` or `bullets` format). A
/// world loaded from HaluEval (``HaluEvalDialogue/world``) has dialogue questions without references. Either way,
/// ``logExperiences(prompt:round:count:model:verifier:seed:configuration:)`` asks a model the questions under a
/// prompt and logs scored experiences.
package struct DemoWorld: Sendable, Hashable, Codable {
    /// The prompt id the demo starts from.
    package static let initialPromptID = "p_v1_1"

    /// The world's name (for a generated world, the company's).
    package var name: String
    /// The text of the first prompt version, ``initialPromptID``: plausible, but with no grounding, abstention,
    /// concision or format instruction, so the pipeline has something to fix.
    package var initialPrompt: String
    /// The documents the questions are about (empty for a HaluEval world, whose knowledge is per question).
    package var documents: [DemoDocument]
    /// The questions, in a stable order.
    package var questions: [DemoQuestion]

    /// Creates a world.
    package init(name: String, initialPrompt: String, documents: [DemoDocument], questions: [DemoQuestion]) {
        self.name = name
        self.initialPrompt = initialPrompt
        self.documents = documents
        self.questions = questions
    }

    enum CodingKeys: String, CodingKey {
        case name
        case initialPrompt = "initial_prompt"
        case documents, questions
    }
}
