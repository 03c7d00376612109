/// The length-invariant grounding features of a response, the inputs of the ``GroundingModel`` besides its
/// unsupported words.
///
/// Every feature is a 0/1 indicator or a share, so a longer response does not score higher just for being longer.
/// "Supported" means the context, the input (and the reference when configured) vouch for it (see
/// ``GroundingAnalysis``); the *input* is the user turn or dialogue history.
package struct GroundingFeatures: Sendable, Hashable {
    /// The feature names, in the order of ``values`` (and of ``GroundingModel/featureWeights``).
    package static let names = [
        "unsupported_name", "unsupported_name_share", "unsupported_number", "context_evidence_share",
        "new_context_name", "input_name_in_unsupported_claim", "conflicting_number",
    ]

    /// 1 when at least one name in the response is unsupported (any of its words is), else 0.
    package var unsupportedName: Double
    /// Unsupported names / names (0 with no names).
    package var unsupportedNameShare: Double
    /// 1 when at least one number is unsupported, else 0.
    package var unsupportedNumber: Double
    /// Distinct content words the context supports but the input does not, divided by the response's content
    /// words (0 with none): how much of the response comes from the retrieved knowledge.
    package var contextEvidenceShare: Double
    /// 1 when the response has a fully supported name that the input alone does not supply (it brings in a name
    /// from the knowledge), else 0.
    package var newContextName: Double
    /// 1 when the response reuses a name the input supplies while also making at least one unsupported content
    /// claim (a known name put in a relation nothing states), else 0.
    package var inputNameInUnsupportedClaim: Double
    /// 1 when an unsupported number appears while the context or input states numbers of its own (a number that
    /// contradicts a stated one rather than adding an unstated detail), else 0.
    package var conflictingNumber: Double

    /// Creates features.
    package init(
        unsupportedName: Double = 0,
        unsupportedNameShare: Double = 0,
        unsupportedNumber: Double = 0,
        contextEvidenceShare: Double = 0,
        newContextName: Double = 0,
        inputNameInUnsupportedClaim: Double = 0,
        conflictingNumber: Double = 0
    ) {
        self.unsupportedName = unsupportedName
        self.unsupportedNameShare = unsupportedNameShare
        self.unsupportedNumber = unsupportedNumber
        self.contextEvidenceShare = contextEvidenceShare
        self.newContextName = newContextName
        self.inputNameInUnsupportedClaim = inputNameInUnsupportedClaim
        self.conflictingNumber = conflictingNumber
    }

    /// The features in the order of ``names``.
    package var values: [Double] {
        [
            self.unsupportedName, self.unsupportedNameShare, self.unsupportedNumber, self.contextEvidenceShare,
            self.newContextName, self.inputNameInUnsupportedClaim, self.conflictingNumber,
        ]
    }
}
