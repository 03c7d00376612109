/// How much each kind of unsupported claim adds to a response's hallucination risk, and how much evidence of
/// grounding takes away (see ``GroundingAnalysis/risk``).
package struct ClaimWeights: Sendable, Hashable, Codable {
    /// Risk per unsupported name (capitalised span). Default 1.
    package var entity: Double
    /// Risk per unsupported number. Default 1.
    package var number: Double
    /// Risk per unsupported content word (not a stopword). Default 0.25.
    package var contentWord: Double
    /// Risk removed per distinct content word supported by the context but absent from the input, i.e. evidence
    /// that the response used the retrieved knowledge. Default 0.5.
    package var contextEvidence: Double

    /// Creates claim weights; every field has a default.
    package init(entity: Double = 1, number: Double = 1, contentWord: Double = 0.25, contextEvidence: Double = 0.5) {
        self.entity = entity
        self.number = number
        self.contentWord = contentWord
        self.contextEvidence = contextEvidence
    }

    enum CodingKeys: String, CodingKey {
        case entity, number
        case contentWord = "content_word"
        case contextEvidence = "context_evidence"
    }
}
