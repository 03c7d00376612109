import Experiences
import Foundation

/// One immutable prompt version, exactly as the online side reads it from `prompt_registry/p_vX_Y.json`:
///
/// ```json
/// { "prompt_id": "p_v1_3", "version": 3, "source": "rl_trainer", "text": "SYSTEM: ...",
///   "metadata": { "created_at": "2025-12-10T14:22:00Z", "reward_gain": 0.12, "cluster_id": "cluster_1" } }
/// ```
package struct PromptVersion: Sendable, Hashable, Codable {
    package var id: PromptID
    /// Who wrote it: `human` for `kaizen prompts add`, `rl_trainer` for trained versions.
    package var source: String
    /// The full system prompt.
    package var text: String
    /// The file's `metadata`, typed: `created_at`, `reward_gain`, `cluster_id`, the trainer's provenance, and any
    /// other keys as read.
    package var details: VersionMetadata

    /// The version number inside the family (`version == id.version`, as in the file).
    package var version: Int { self.id.version }

    package init(id: PromptID, source: String, text: String, details: VersionMetadata) {
        self.id = id
        self.source = source
        self.text = text
        self.details = details
    }

    /// The `metadata` object as the file writes it, for answers that pass it on as JSON (the trainer service's
    /// prompt list).
    package var metadata: [String: JSONValue] { self.details.fields }

    /// When the version was written (from `metadata.created_at`).
    package var createdAt: Date? { self.details.createdAt.flatMap(RFC3339.date(from:)) }

    enum CodingKeys: String, CodingKey {
        case id = "prompt_id"
        case version, source, text, metadata
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(PromptID.self, forKey: .id)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == self.id.version else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container, debugDescription: "version \(version) does not match \(self.id)")
        }
        self.source = try container.decode(String.self, forKey: .source)
        self.text = try container.decode(String.self, forKey: .text)
        self.details = try container.decodeIfPresent(VersionMetadata.self, forKey: .metadata) ?? VersionMetadata()
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.version, forKey: .version)
        try container.encode(self.source, forKey: .source)
        try container.encode(self.text, forKey: .text)
        try container.encode(self.details, forKey: .metadata)
    }

    /// The file's bytes: the seed's key order (`prompt_id`, `version`, `source`, `text`, `metadata` with
    /// `created_at`, `reward_gain`, `cluster_id` first), two-space indents, a final newline. Deterministic.
    package func fileContents() -> Data {
        let object = JSONValue.object([
            "prompt_id": .string(self.id.description),
            "version": .integer(self.version),
            "source": .string(self.source),
            "text": .string(self.text),
            "metadata": .object(self.details.fields),
        ])
        let keyOrder = [
            "prompt_id", "version", "source", "text", "metadata", "created_at", "reward_gain", "cluster_id",
        ]
        return Data((object.rendered(keyOrder: keyOrder) + "\n").utf8)
    }
}
