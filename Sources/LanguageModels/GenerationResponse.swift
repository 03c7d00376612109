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
    /// Why each output ended: one per output (`nil` where the backend did not say), or empty when it says nothing.
    /// The simulator and the OpenAI client fill it. ``FinishReason/length`` marks an output the token cap cut, which
    /// the verifier scores `incomplete`.
    package var finishReasons: [FinishReason?]

    /// Creates a response.
    package init(
        outputs: [String],
        usage: TokenUsage,
        model: String,
        simulated: Bool,
        outputMetadata: [[String: JSONValue]] = [],
        finishReasons: [FinishReason?] = []
    ) {
        self.outputs = outputs
        self.usage = usage
        self.model = model
        self.simulated = simulated
        self.outputMetadata = outputMetadata
        self.finishReasons = finishReasons
    }

    /// Why output `index` ended, when the backend said.
    package func finishReason(of index: Int) -> FinishReason? {
        self.finishReasons.indices.contains(index) ? self.finishReasons[index] : nil
    }

    enum CodingKeys: String, CodingKey {
        case outputs, usage, model, simulated
        case outputMetadata = "output_metadata"
        case finishReasons = "finish_reasons"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.outputs = try container.decode([String].self, forKey: .outputs)
        self.usage = try container.decode(TokenUsage.self, forKey: .usage)
        self.model = try container.decode(String.self, forKey: .model)
        self.simulated = try container.decode(Bool.self, forKey: .simulated)
        self.outputMetadata = try container.decode([[String: JSONValue]].self, forKey: .outputMetadata)
        // Absent in responses recorded before finish reasons were kept.
        self.finishReasons = try container.decodeIfPresent([FinishReason?].self, forKey: .finishReasons) ?? []
    }
}
