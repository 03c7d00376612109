/// The grounding features of a response, the inputs of the ``GroundingModel``.
///
/// Every feature is a 0/1 indicator or a share, so a longer response does not score higher just for being longer,
/// and none depends on a vocabulary: they say how much of the response the support vouches for, not which words it
/// uses, so a model over them can carry from one domain to another. The set is the candidates whose direction
/// (more hallucinated or less) agreed on the fitting halves of both HaluEval domains; unsupported names, numbers and
/// novel word pairs or triples flipped direction between them and are left out (see `Docs/verifier.md`).
/// "Supported" means the context, the input (and the reference when configured) vouch for it (see
/// ``GroundingAnalysis``); the *input* is the user turn or dialogue history.
package struct GroundingFeatures: Sendable, Hashable {
    /// The names of the features the model weighs, in the order of ``values`` (and of
    /// ``GroundingModel/featureWeights``).
    package static let names = [
        "unsupported_share", "any_unsupported", "unsupported_sentence_share", "rare_unsupported_share",
        "context_evidence_share", "new_context_name",
    ]

    /// The direction each feature may push the risk, in the order of ``names``: unsupported material can only add
    /// risk (+1), knowledge the response uses can only remove it (−1). Fitting keeps every weight on its side
    /// (`Scripts/fit_grounding_model.py`, `VerifierBenchmark`).
    package static let directions: [Double] = [1, 1, 1, 1, -1, -1]

    /// Unsupported content words / content words (0 with none): the naive overlap signal.
    package var unsupportedShare: Double
    /// 1 when at least one content word is unsupported, else 0.
    package var anyUnsupported: Double
    /// Sentences with an unsupported content word / sentences with a content word (0 with none): how widely the
    /// unsupported material is spread.
    package var unsupportedSentenceShare: Double
    /// The unsupported share with each content word weighted by its rarity in the support, `log((N + 1) / (c + ½))`
    /// for a word the support's N tokens contain c times: a word the context keeps repeating (its topic) counts
    /// little, an unsupported word most.
    package var rareUnsupportedShare: Double
    /// Distinct content words the context supports but the input does not, divided by the response's content
    /// words (0 with none): how much of the response comes from the retrieved knowledge rather than the question.
    package var contextEvidenceShare: Double
    /// 1 when the response has a fully supported name that the input alone does not supply (it brings in a name
    /// from the knowledge), else 0.
    package var newContextName: Double
    /// 1 when an unsupported number appears while the context or input states numbers of its own (a number that
    /// contradicts a stated one rather than adding an unstated detail), else 0. Not weighed by the model (its
    /// direction differed between domains); the verifier's conflicting-number rule reads it.
    package var conflictingNumber: Double

    /// Creates features.
    package init(
        unsupportedShare: Double = 0,
        anyUnsupported: Double = 0,
        unsupportedSentenceShare: Double = 0,
        rareUnsupportedShare: Double = 0,
        contextEvidenceShare: Double = 0,
        newContextName: Double = 0,
        conflictingNumber: Double = 0
    ) {
        self.unsupportedShare = unsupportedShare
        self.anyUnsupported = anyUnsupported
        self.unsupportedSentenceShare = unsupportedSentenceShare
        self.rareUnsupportedShare = rareUnsupportedShare
        self.contextEvidenceShare = contextEvidenceShare
        self.newContextName = newContextName
        self.conflictingNumber = conflictingNumber
    }

    /// The model's features in the order of ``names``.
    package var values: [Double] {
        [
            self.unsupportedShare, self.anyUnsupported, self.unsupportedSentenceShare, self.rareUnsupportedShare,
            self.contextEvidenceShare, self.newContextName,
        ]
    }
}
