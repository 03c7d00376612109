/// The grounding features of a response, the inputs of the ``GroundingModel``.
///
/// The model weighs one feature, ``unalignedShare``: a share, so a longer response does not score higher just for
/// being longer, and free of any vocabulary, so it carries from one domain to another. It was chosen over fitted
/// combinations of word-level shares and indicators, each of which learned its fitting domain's cues and flagged nearly
/// every response of the other domain (see `Docs/verifier.md`).
/// "Supported" means the context, the input (and the reference when configured) vouch for it (see
/// ``GroundingAnalysis``); the *input* is the user turn or dialogue history.
package struct GroundingFeatures: Sendable, Hashable {
    /// The names of the features the model weighs, in the order of ``values`` (and of
    /// ``GroundingModel/featureWeights``).
    package static let names = ["unaligned_share"]

    /// The direction each feature may push the risk, in the order of ``names``: material the support does not
    /// vouch for can only add risk (+1). Fitting keeps every weight on its side (`Scripts/fit_grounding_model.py`,
    /// `VerifierBenchmark`).
    package static let directions: [Double] = [1]

    /// How far the response's sentences stray from the sentence of the support each rests on, averaged over its
    /// sentences that add a content word to the input. For one sentence adding n distinct content words (the input's
    /// own words are not counted: restating the question claims nothing): those the best-matching single sentence of
    /// the context states count 0, those the context states only elsewhere count ½, those nothing supports count 1;
    /// divided by n. So an invented word costs twice what a true word taken from another part of the context
    /// costs, and a claim stitched from several places of the context costs something.
    package var unalignedShare: Double
    /// Unsupported content words / content words (0 with none): the naive overlap signal, which the benchmark
    /// reports as a baseline. Not weighed by the model: its threshold moved between domains.
    package var unsupportedShare: Double
    /// 1 when an unsupported number appears while the context or input states numbers of its own (a number that
    /// contradicts a stated one rather than adding an unstated detail), else 0. Not weighed by the model (its
    /// direction differed between domains); the verifier's conflicting-number rule reads it.
    package var conflictingNumber: Double

    /// Creates features.
    package init(unalignedShare: Double = 0, unsupportedShare: Double = 0, conflictingNumber: Double = 0) {
        self.unalignedShare = unalignedShare
        self.unsupportedShare = unsupportedShare
        self.conflictingNumber = conflictingNumber
    }

    /// The model's features in the order of ``names``.
    package var values: [Double] { [self.unalignedShare] }
}
