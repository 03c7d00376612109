/// One failure category inferred for a cluster, with its score and the evidence behind it.
///
/// JSON: `{"mode": "hallucination", "score": 0.82, "label_share": 0.75, "verifier_share": 0.8, "term_share": 0.1,
/// "evidence": ["30 of 40 labelled members are labelled hallucination", ...], "representative_ids": ["e1"]}`; a
/// share is left out when its source had nothing to say about the category.
package struct InferredMode: Sendable, Hashable, Codable {
    /// The category.
    package var mode: FailureCategory
    /// The combined score in 0...1 (see ``ModeInference``).
    package var score: Double
    /// Share of labelled members whose `failure_type` names this category, when any member is labelled.
    package var labelShare: Double?
    /// Share of the representatives the verifier checks flag for it, when any representative could be checked.
    package var verifierShare: Double?
    /// Share of the top terms' weight carried by terms typical of the category, when there are top terms.
    package var termShare: Double?
    /// Readable reasons, citing counts.
    package var evidence: [String]
    /// The representatives flagged for this category, closest to the centroid first.
    package var representativeIDs: [String]

    /// Creates an inferred mode.
    package init(
        mode: FailureCategory,
        score: Double,
        labelShare: Double? = nil,
        verifierShare: Double? = nil,
        termShare: Double? = nil,
        evidence: [String] = [],
        representativeIDs: [String] = []
    ) {
        self.mode = mode
        self.score = score
        self.labelShare = labelShare
        self.verifierShare = verifierShare
        self.termShare = termShare
        self.evidence = evidence
        self.representativeIDs = representativeIDs
    }

    enum CodingKeys: String, CodingKey {
        case mode, score
        case labelShare = "label_share"
        case verifierShare = "verifier_share"
        case termShare = "term_share"
        case evidence
        case representativeIDs = "representative_ids"
    }
}
