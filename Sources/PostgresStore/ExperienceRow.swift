import Experiences
import Foundation
import PostgresNIO

/// One row of the `experience` table: an ``Experience`` as PostgreSQL stores it (metadata as JSON text with sorted
/// keys, as in the SQLite store).
struct ExperienceRow: Sendable {
    var id: String
    var createdAt: Date?
    var promptID: String?
    var input: String
    var context: String?
    var response: String
    var reference: String?
    var reward: Double?
    var success: Bool?
    var failureType: String?
    var metadata: String

    init(_ experience: Experience) throws {
        self.id = experience.id
        self.createdAt = experience.createdAt
        self.promptID = experience.promptID
        self.input = experience.input
        self.context = experience.context
        self.response = experience.response
        self.reference = experience.reference
        self.reward = experience.reward
        self.success = experience.success
        self.failureType = experience.failureType
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        self.metadata = String(decoding: try encoder.encode(experience.metadata), as: UTF8.self)
    }

    /// A row selected with ``PostgresExperienceStore/experienceColumns``, in that order.
    init(_ row: PostgresRow) throws {
        (
            self.id, self.createdAt, self.promptID, self.input, self.context, self.response, self.reference,
            self.reward, self.success, self.failureType, self.metadata
        ) = try row.decode(
            (String, Date?, String?, String, String?, String, String?, Double?, Bool?, String?, String).self)
    }

    func experience() throws -> Experience {
        Experience(
            id: self.id,
            createdAt: self.createdAt,
            promptID: self.promptID,
            input: self.input,
            context: self.context,
            response: self.response,
            reference: self.reference,
            reward: self.reward,
            success: self.success,
            failureType: self.failureType,
            metadata: try JSONDecoder().decode([String: JSONValue].self, from: Data(self.metadata.utf8))
        )
    }
}
