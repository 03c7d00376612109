import Foundation

/// One logged interaction of the online system: what was asked, what the model answered, and how it went.
///
/// The JSON shape (snake_case, one object per line on import) is the contract with the online side:
/// `id`, `input` and `response` are required, and so is one of `reward` (0...1) or `success`.
package struct Experience: Sendable, Hashable, Codable, Identifiable {
    /// Unique id given by the online side, in composed form (``Swift/String/composedID``); re-importing the same id
    /// replaces nothing and adds nothing.
    package var id: String
    /// When the interaction happened (RFC 3339 in JSON); `nil` when the log did not say.
    package var createdAt: Date?
    /// The prompt version that served the interaction, e.g. `p_v1_3`.
    package var promptID: String?
    /// The user's turn.
    package var input: String
    /// Retrieved knowledge the model was given, if any.
    package var context: String?
    /// What the model answered.
    package var response: String
    /// A gold answer, if one is known.
    package var reference: String?
    /// The online verifier's reward in 0...1.
    package var reward: Double?
    /// The online side's verdict, when it gave one instead of (or besides) a reward.
    package var success: Bool?
    /// A failure label from the online verifier, e.g. `hallucination`.
    package var failureType: String?
    /// Anything else the online side logged; kept, not interpreted.
    package var metadata: [String: JSONValue]

    package init(
        id: String,
        createdAt: Date? = nil,
        promptID: String? = nil,
        input: String,
        context: String? = nil,
        response: String,
        reference: String? = nil,
        reward: Double? = nil,
        success: Bool? = nil,
        failureType: String? = nil,
        metadata: [String: JSONValue] = [:]
    ) {
        self.id = id.composedID
        self.createdAt = createdAt
        self.promptID = promptID
        self.input = input
        self.context = context
        self.response = response
        self.reference = reference
        self.reward = reward
        self.success = success
        self.failureType = failureType
        self.metadata = metadata
    }

    /// The reward below which an interaction without an explicit `success` counts as a failure.
    package static let defaultFailureThreshold = 0.5

    /// Whether this interaction failed: `success == false`, or `reward < threshold`.
    ///
    /// An explicit `success` wins over the reward, so the online side can mark a high-reward answer as wrong.
    package func isFailure(threshold: Double = Experience.defaultFailureThreshold) -> Bool {
        if let success { return !success }
        if let reward { return reward < threshold }
        return false
    }

    enum CodingKeys: String, CodingKey {
        case id
        case createdAt = "created_at"
        case promptID = "prompt_id"
        case input, context, response, reference, reward, success
        case failureType = "failure_type"
        case metadata
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id).composedID
        self.createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt).map { text in
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .createdAt, in: container, debugDescription: "not an RFC 3339 timestamp: '\(text.echoed())'"
                )
            }
            return date
        }
        self.promptID = try container.decodeIfPresent(String.self, forKey: .promptID)
        self.input = try container.decode(String.self, forKey: .input)
        self.context = try container.decodeIfPresent(String.self, forKey: .context)
        self.response = try container.decode(String.self, forKey: .response)
        self.reference = try container.decodeIfPresent(String.self, forKey: .reference)
        self.reward = try container.decodeIfPresent(Double.self, forKey: .reward)
        self.success = try container.decodeIfPresent(Bool.self, forKey: .success)
        self.failureType = try container.decodeIfPresent(String.self, forKey: .failureType)
        self.metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata) ?? [:]
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encodeIfPresent(self.createdAt.map(RFC3339.string(from:)), forKey: .createdAt)
        try container.encodeIfPresent(self.promptID, forKey: .promptID)
        try container.encode(self.input, forKey: .input)
        try container.encodeIfPresent(self.context, forKey: .context)
        try container.encode(self.response, forKey: .response)
        try container.encodeIfPresent(self.reference, forKey: .reference)
        try container.encodeIfPresent(self.reward, forKey: .reward)
        try container.encodeIfPresent(self.success, forKey: .success)
        try container.encodeIfPresent(self.failureType, forKey: .failureType)
        if !self.metadata.isEmpty { try container.encode(self.metadata, forKey: .metadata) }
    }
}
