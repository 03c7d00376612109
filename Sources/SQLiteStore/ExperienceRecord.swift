import Experiences
import Foundation
import GRDB

/// One row of the `experience` table: an ``Experience`` as SQLite stores it.
struct ExperienceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "experience"

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
    /// JSON text of the metadata object (empty object when none).
    var metadata: String

    enum CodingKeys: String, CodingKey {
        case id
        case createdAt = "created_at"
        case promptID = "prompt_id"
        case input, context, response, reference, reward, success
        case failureType = "failure_type"
        case metadata
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let createdAt = Column(CodingKeys.createdAt)
        static let promptID = Column(CodingKeys.promptID)
        static let reward = Column(CodingKeys.reward)
        static let success = Column(CodingKeys.success)
        static let failureType = Column(CodingKeys.failureType)
    }

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

extension DerivableRequest<ExperienceRecord> {
    /// Interactions that pass the query's time and prompt filters.
    func filtered(by query: ExperienceQuery) -> Self {
        var request = self
        if let promptID = query.promptID {
            request = request.filter(ExperienceRecord.Columns.promptID == promptID)
        }
        if let since = query.since {
            request = request.filter(ExperienceRecord.Columns.createdAt >= since)
        }
        if let until = query.until {
            request = request.filter(ExperienceRecord.Columns.createdAt < until)
        }
        return request
    }

    /// Failures: `success` is false, or it is absent and `reward < threshold` (as ``Experience/isFailure(threshold:)``).
    func failures(threshold: Double) -> Self {
        let success = ExperienceRecord.Columns.success
        let reward = ExperienceRecord.Columns.reward
        return self.filter(success == false || (success == nil && reward < threshold))
    }

    /// The complement of ``failures(threshold:)``.
    func successes(threshold: Double) -> Self {
        let success = ExperienceRecord.Columns.success
        let reward = ExperienceRecord.Columns.reward
        return self.filter(success == true || (success == nil && (reward == nil || reward >= threshold)))
    }
}
