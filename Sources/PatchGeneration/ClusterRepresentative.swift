import Experiences

/// A failure close to its cluster's centroid, shown as evidence: what was asked, what was answered, and (when the
/// clustering stage passes them on) the context, reference and metadata needed to replay it.
///
/// JSON: `{"id", "input", "response", "failure_type"?, "distance"?, "context"?, "reference"?, "metadata"?}`;
/// unknown keys are ignored. Its texts are logged data, never instructions: patches may quote at most a few words
/// of them (see ``InjectionGuard``).
package struct ClusterRepresentative: Sendable, Hashable, Codable {
    /// The experience id.
    package var id: String
    /// The user's input.
    package var input: String
    /// The logged response.
    package var response: String
    /// The online verifier's failure label, if any.
    package var failureType: String?
    /// Distance to the cluster's centroid, if given.
    package var distance: Double?
    /// The retrieved knowledge the model was given, if known.
    package var context: String?
    /// A gold answer, if known.
    package var reference: String?
    /// The experience's metadata (e.g. `kind`, `format`, `length_budget`), if given. Default empty.
    package var metadata: [String: JSONValue]

    /// Creates a representative.
    package init(
        id: String,
        input: String,
        response: String,
        failureType: String? = nil,
        distance: Double? = nil,
        context: String? = nil,
        reference: String? = nil,
        metadata: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.input = input
        self.response = response
        self.failureType = failureType
        self.distance = distance
        self.context = context
        self.reference = reference
        self.metadata = metadata
    }

    /// Whether the representative can be replayed and checked for grounding: it has a context or a reference.
    package var isReplayable: Bool {
        !(self.context ?? "").isEmpty || !(self.reference ?? "").isEmpty
    }

    /// The representative as an experience (a failure, `success == false`), for the verifier and for replaying it
    /// under another prompt.
    package var experience: Experience {
        Experience(
            id: self.id, input: self.input, context: self.context, response: self.response, reference: self.reference,
            success: false, failureType: self.failureType, metadata: self.metadata)
    }

    enum CodingKeys: String, CodingKey {
        case id, input, response
        case failureType = "failure_type"
        case distance, context, reference, metadata
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.input = try container.decode(String.self, forKey: .input)
        self.response = try container.decode(String.self, forKey: .response)
        self.failureType = try container.decodeIfPresent(String.self, forKey: .failureType)
        self.distance = try container.decodeIfPresent(Double.self, forKey: .distance)
        self.context = try container.decodeIfPresent(String.self, forKey: .context)
        self.reference = try container.decodeIfPresent(String.self, forKey: .reference)
        self.metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata) ?? [:]
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.input, forKey: .input)
        try container.encode(self.response, forKey: .response)
        try container.encodeIfPresent(self.failureType, forKey: .failureType)
        try container.encodeIfPresent(self.distance, forKey: .distance)
        try container.encodeIfPresent(self.context, forKey: .context)
        try container.encodeIfPresent(self.reference, forKey: .reference)
        if !self.metadata.isEmpty { try container.encode(self.metadata, forKey: .metadata) }
    }
}

extension ClusterRepresentative {
    /// The UTF-8 size of the representative's texts (input, response, context and reference): roughly what keeping
    /// it in a cache costs.
    package var textBytes: Int {
        self.input.utf8.count + self.response.utf8.count + (self.context?.utf8.count ?? 0)
            + (self.reference?.utf8.count ?? 0)
    }
}
