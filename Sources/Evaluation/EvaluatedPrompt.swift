/// A prompt under evaluation: its registry id (or any label) and the system prompt text.
package struct EvaluatedPrompt: Sendable, Hashable, Codable {
    package var id: String
    package var text: String

    package init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}
