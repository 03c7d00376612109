import Experiences

/// What a ``LanguageModel`` returned for one ``GenerationRequest``.
package struct GenerationResponse: Sendable, Hashable, Codable {
    /// The sampled outputs, `request.n` of them, in order.
    package var outputs: [String]
    /// Tokens the call consumed.
    package var usage: TokenUsage
    /// The model that answered (the simulator reports ``Simulator/modelName``).
    package var model: String
    /// Whether the outputs came from the simulator rather than a real model.
    package var simulated: Bool
    /// Per-output annotations, one object per output when the backend gives them (the simulator does: `source`,
    /// `behaviour`, `kind`, `instructions`), else empty. Never mixed into the output text, which is scored.
    package var outputMetadata: [[String: JSONValue]]

    /// Creates a response.
    package init(
        outputs: [String],
        usage: TokenUsage,
        model: String,
        simulated: Bool,
        outputMetadata: [[String: JSONValue]] = []
    ) {
        self.outputs = outputs
        self.usage = usage
        self.model = model
        self.simulated = simulated
        self.outputMetadata = outputMetadata
    }

    enum CodingKeys: String, CodingKey {
        case outputs, usage, model, simulated
        case outputMetadata = "output_metadata"
    }
}
