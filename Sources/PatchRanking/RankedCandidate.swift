import PatchGeneration

/// A candidate with its scores and rank.
///
/// JSON: the candidate's own fields (`patch_id`, `strategy`, ..., `explanation`) plus `"score"`, `"rank"`,
/// `"criteria": {...}` and `"details": {...}` in one flat object, so the trainer can read it back as a
/// ``PatchGeneration/PatchCandidate``.
package struct RankedCandidate: Sendable, Hashable, Codable {
    /// The candidate.
    package var candidate: PatchCandidate
    /// The weighted mean of the criteria, in 0...1.
    package var score: Double
    /// 1 for the best.
    package var rank: Int
    /// The criteria.
    package var criteria: CriterionScores
    /// How the criteria were reached.
    package var details: CandidateDetails

    /// Creates a ranked candidate.
    package init(
        candidate: PatchCandidate, score: Double, rank: Int, criteria: CriterionScores, details: CandidateDetails
    ) {
        self.candidate = candidate
        self.score = score
        self.rank = rank
        self.criteria = criteria
        self.details = details
    }

    /// The candidate's id.
    package var patchID: String { self.candidate.patchID }

    enum CodingKeys: String, CodingKey {
        case score, rank, criteria, details
    }

    package init(from decoder: any Decoder) throws {
        self.candidate = try PatchCandidate(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.score = try container.decode(Double.self, forKey: .score)
        self.rank = try container.decode(Int.self, forKey: .rank)
        self.criteria = try container.decode(CriterionScores.self, forKey: .criteria)
        self.details = try container.decode(CandidateDetails.self, forKey: .details)
    }

    package func encode(to encoder: any Encoder) throws {
        try self.candidate.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.score, forKey: .score)
        try container.encode(self.rank, forKey: .rank)
        try container.encode(self.criteria, forKey: .criteria)
        try container.encode(self.details, forKey: .details)
    }
}
