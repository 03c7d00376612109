import Experiences

/// The body of `POST /api/v1/experiences`: the online side's batch of logged interactions.
///
/// Each item is an experience, or an OpenAI-style chat log (see ``ChatLogLine``), validated as
/// `kaizen experiences import` validates a line.
package struct ExperienceBatch: Sendable, Codable {
    /// The largest batch: big enough for a logger's flush, small enough that one request stays short.
    package static let maximumCount = 1000

    package var experiences: [JSONValue]
    /// `auto` (the default: per item), `experience` or `chat`.
    package var format: String?
    /// Whether items with neither `reward` nor `success` get the verifier's verdict instead of being refused
    /// (``Verification/FailureLabeler/scorer(verifier:)``). Default `false`.
    package var scoreUnlabelled: Bool?

    package init(experiences: [JSONValue], format: String? = nil, scoreUnlabelled: Bool? = nil) {
        self.experiences = experiences
        self.format = format
        self.scoreUnlabelled = scoreUnlabelled
    }

    enum CodingKeys: String, CodingKey {
        case experiences, format
        case scoreUnlabelled = "score_unlabelled"
    }
}

/// What an accepted batch did. Ids the store already had are left as they were, so a retried batch is harmless.
package struct IngestionResult: Sendable, Codable {
    package var received: Int
    package var inserted: Int
    package var alreadyPresent: Int
    /// Items without `reward` or `success` that the verifier scored (`score_unlabelled`).
    package var scored: Int
    /// Keys of the items that no field reads, with how many items had each: not stored, and a likely mistake when
    /// one means a field under another name (`knowledge` for `context`).
    package var unreadKeys: UnreadKeys

    enum CodingKeys: String, CodingKey {
        case received, inserted
        case alreadyPresent = "already_present"
        case scored
        case unreadKeys = "unread_keys"
    }
}

/// A refused batch: the usual `detail`, and one entry per bad item. Nothing of the batch was stored.
package struct IngestionRejection: Sendable, Codable {
    package var detail: String
    package var errors: [ItemError]

    /// One bad item: its 0-based index in `experiences`, the field at fault (`null` for the item as a whole) and why.
    package struct ItemError: Sendable, Codable {
        package var index: Int
        package var field: String?
        package var message: String
    }
}
