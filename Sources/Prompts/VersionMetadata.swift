import Experiences

/// A version file's `metadata` object, typed: the seed's `created_at`, `reward_gain` and `cluster_id`, the trainer's
/// ``Provenance``, and whatever else the file holds.
///
/// Keys a writer other than Kaizen added (or a provenance in another shape) are kept as read in ``additional`` and
/// written back beside the typed ones, so nothing in a file is lost when it is loaded and shown again (the same JSON;
/// an untyped `0.0` is written back as `0`, as ``Experiences/JSONValue`` keeps whole numbers as integers).
package struct VersionMetadata: Sendable, Hashable, Codable {
    /// When the version was written, as RFC 3339 text (kept as the file has it); the registry fills it in.
    package var createdAt: String?
    /// The held-out reward gain that justified a trained version; `nil` (null in the file) for human versions.
    package var rewardGain: Double?
    /// The first cluster whose patch the version carries; `nil` (null) for human versions.
    package var clusterID: String?
    /// How a trained version was made; `nil` for human versions.
    package var provenance: Provenance?
    /// Keys that are neither the seed's nor the provenance's, and known keys whose value has another type, as read.
    package var additional: [String: JSONValue]

    package init(
        createdAt: String? = nil, rewardGain: Double? = nil, clusterID: String? = nil, provenance: Provenance? = nil,
        additional: [String: JSONValue] = [:]
    ) {
        self.createdAt = createdAt
        self.rewardGain = rewardGain
        self.clusterID = clusterID
        self.provenance = provenance
        self.additional = additional
    }

    /// The seed's keys, written first and always present (null when unknown).
    package enum SeedKey: String, CaseIterable {
        case createdAt = "created_at"
        case rewardGain = "reward_gain"
        case clusterID = "cluster_id"
    }

    /// Reads the object a file holds. A provenance is typed only when all its required keys decode; otherwise its
    /// keys stay in ``additional`` as they are.
    package init(from decoder: any Decoder) throws {
        let object = try [String: JSONValue](from: decoder)
        let provenance = try? Provenance(from: decoder)
        var additional = object
        func take<Value>(_ key: SeedKey, _ read: (JSONValue) -> Value?) -> Value? {
            guard let value = object[key.rawValue] else { return nil }
            if value == .null {
                additional[key.rawValue] = nil
                return nil
            }
            guard let typed = read(value) else { return nil }
            additional[key.rawValue] = nil
            return typed
        }
        self.createdAt = take(.createdAt, \.stringValue)
        self.rewardGain = take(.rewardGain, \.numberValue)
        self.clusterID = take(.clusterID, \.stringValue)
        if provenance != nil {
            for key in Provenance.CodingKeys.allCases { additional[key.rawValue] = nil }
        }
        self.provenance = provenance
        self.additional = additional
    }

    package func encode(to encoder: any Encoder) throws {
        try JSONValue.object(self.fields).encode(to: encoder)
    }

    /// The object as the file writes it: the additional keys, then the provenance's, then the seed's.
    package var fields: [String: JSONValue] {
        var fields = self.additional
        if let provenance = self.provenance { fields.merge(provenance.fields) { _, typed in typed } }
        let seed: [SeedKey: JSONValue?] = [
            .createdAt: self.createdAt.map(JSONValue.string),
            .rewardGain: self.rewardGain.map(JSONValue.number),
            .clusterID: self.clusterID.map(JSONValue.string),
        ]
        for (key, value) in seed {
            if let value {
                fields[key.rawValue] = value
            } else if fields[key.rawValue] == nil {
                fields[key.rawValue] = .null
            }
        }
        return fields
    }
}
