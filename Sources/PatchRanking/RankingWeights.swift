import Experiences

/// The weight of each ranking criterion; the total score is the weighted mean of the criteria.
///
/// JSON: `{"hallucination_reduction": 0.4, "clarity": 0.2, "length_safety": 0.2, "cluster_severity": 0.2}`. A key
/// left out keeps its default; an unknown key is an error (so a typo is not silently ignored).
package struct RankingWeights: Sendable, Hashable, Codable {
    /// Weight of ``CriterionScores/hallucinationReduction``. Default 0.4.
    package var hallucinationReduction: Double
    /// Weight of ``CriterionScores/clarity``. Default 0.2.
    package var clarity: Double
    /// Weight of ``CriterionScores/lengthSafety``. Default 0.2.
    package var lengthSafety: Double
    /// Weight of ``CriterionScores/clusterSeverity``. Default 0.2.
    package var clusterSeverity: Double

    /// Creates weights; every weight has a default.
    package init(
        hallucinationReduction: Double = 0.4,
        clarity: Double = 0.2,
        lengthSafety: Double = 0.2,
        clusterSeverity: Double = 0.2
    ) {
        self.hallucinationReduction = hallucinationReduction
        self.clarity = clarity
        self.lengthSafety = lengthSafety
        self.clusterSeverity = clusterSeverity
    }

    /// Checks the weights.
    ///
    /// - Throws: ``RankingError/invalidWeights(_:)`` when a weight is outside ``RankRequestLimits/weight`` (NaN
    ///   included), or all are zero.
    package func validate() throws {
        let bounds = RankRequestLimits.weight
        for (name, weight) in self.named where !bounds.contains(weight) {
            throw RankingError.invalidWeights(
                "weight '\(name)' must be between \(Int(bounds.lowerBound)) and \(Int(bounds.upperBound)), got \(weight)"
            )
        }
        if self.named.allSatisfy({ $0.1 == 0 }) {
            throw RankingError.invalidWeights("at least one weight must be above 0")
        }
    }

    /// The weighted mean `Σ w_c s_c / Σ w_c` of `scores` (valid weights have `Σ w_c > 0`).
    package func total(of scores: CriterionScores) -> Double {
        let sum = self.hallucinationReduction + self.clarity + self.lengthSafety + self.clusterSeverity
        let weighted =
            self.hallucinationReduction * scores.hallucinationReduction + self.clarity * scores.clarity
            + self.lengthSafety * scores.lengthSafety + self.clusterSeverity * scores.clusterSeverity
        return sum > 0 ? weighted / sum : 0
    }

    private var named: [(String, Double)] {
        [
            ("hallucination_reduction", self.hallucinationReduction), ("clarity", self.clarity),
            ("length_safety", self.lengthSafety), ("cluster_severity", self.clusterSeverity),
        ]
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hallucinationReduction = "hallucination_reduction"
        case clarity
        case lengthSafety = "length_safety"
        case clusterSeverity = "cluster_severity"
    }

    package init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
        let known = CodingKeys.allCases.map(\.rawValue)
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown weight '\(unknown)' (expected some of: \(known.joined(separator: ", ")))"
                ))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RankingWeights()
        self.hallucinationReduction =
            try container.decodeIfPresent(Double.self, forKey: .hallucinationReduction)
            ?? defaults.hallucinationReduction
        self.clarity = try container.decodeIfPresent(Double.self, forKey: .clarity) ?? defaults.clarity
        self.lengthSafety = try container.decodeIfPresent(Double.self, forKey: .lengthSafety) ?? defaults.lengthSafety
        self.clusterSeverity =
            try container.decodeIfPresent(Double.self, forKey: .clusterSeverity) ?? defaults.clusterSeverity
    }
}
