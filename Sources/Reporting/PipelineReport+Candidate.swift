extension PipelineReport {
    /// A patch proposed for a cluster, with the ranker's judgement of it.
    package struct Candidate: Sendable, Hashable, Codable {
        /// The patch's id.
        package var patchID: String
        /// The strategy that wrote it, e.g. `grounding_rule`.
        package var strategy: String
        /// The text the patch adds to (or changes in) the prompt.
        package var patchText: String
        /// Why it should help, citing the cluster's evidence.
        package var explanation: String
        /// The ranker's score on each criterion, if it was ranked.
        package var criteria: Criteria?
        /// The weighted total score, if it was ranked.
        package var score: Double?
        /// Its rank (1 is best), if it was ranked.
        package var rank: Int?
        /// Whether the ranker selected it (top-1).
        package var selected: Bool
        /// Why the ranker excluded it, if it did.
        package var excludedReason: String?

        /// Creates a candidate.
        package init(
            patchID: String, strategy: String, patchText: String, explanation: String, criteria: Criteria? = nil,
            score: Double? = nil, rank: Int? = nil, selected: Bool = false, excludedReason: String? = nil
        ) {
            self.patchID = patchID
            self.strategy = strategy
            self.patchText = patchText
            self.explanation = explanation
            self.criteria = criteria
            self.score = score
            self.rank = rank
            self.selected = selected
            self.excludedReason = excludedReason
        }

        enum CodingKeys: String, CodingKey {
            case patchID = "patch_id"
            case strategy
            case patchText = "patch_text"
            case explanation, criteria, score, rank, selected
            case excludedReason = "excluded_reason"
        }
    }

    /// A candidate's score on each ranking criterion, each 0...1.
    package struct Criteria: Sendable, Hashable, Codable {
        /// How much of the cluster's failure the patch should remove.
        package var hallucinationReduction: Double
        /// How readable the patch is.
        package var clarity: Double
        /// How little it grows the prompt.
        package var lengthSafety: Double
        /// The cluster's severity as the patch addresses it.
        package var clusterSeverity: Double

        /// Creates criterion scores.
        package init(hallucinationReduction: Double, clarity: Double, lengthSafety: Double, clusterSeverity: Double) {
            self.hallucinationReduction = hallucinationReduction
            self.clarity = clarity
            self.lengthSafety = lengthSafety
            self.clusterSeverity = clusterSeverity
        }

        enum CodingKeys: String, CodingKey {
            case hallucinationReduction = "hallucination_reduction"
            case clarity
            case lengthSafety = "length_safety"
            case clusterSeverity = "cluster_severity"
        }
    }
}
