/// The weights and limits of template mode (``TemplatePatchWriter``): how well each strategy is taken to fit the
/// cluster's failure categories, how much of a representative an example quotes, and how the word budget is derived.
/// The defaults are the values template mode was tuned with.
package struct TemplatePatchTuning: Sendable, Hashable {
    /// `clarify_clause` makes explicit a family whose weight for a targeted category (``InstructionFamily/addresses``)
    /// is at least this: a family that only touches the category is not worth rewriting a clause for. Default 0.6.
    package var clarifiableFamilyWeight: Double = 0.6
    /// `clarify_clause`'s fit for the category it was written for, at least: a rewritten clause states the rule as
    /// plainly as an added one, a little less surely than an added rule aimed at it. Default 0.85.
    package var clarifiedCategoryFit: Double = 0.85
    /// `worked_example`'s fit for the category its example shows: one case teaches less than a stated rule.
    /// Default 0.75.
    package var workedExampleFit: Double = 0.75
    /// The worked example's representative is drawn from this many findings of its category. Default 3.
    package var exampleCandidates: Int = 3
    /// Words of the representative's question an example quotes, and of each unsupported claim, and how many claims:
    /// enough to recognise the case, too few to leak it (the injection guard rejects longer copies). Defaults 6, 4, 2.
    package var quotedQuestionWords: Int = 6
    /// See ``quotedQuestionWords``.
    package var quotedClaimWords: Int = 4
    /// See ``quotedQuestionWords``.
    package var quotedClaims: Int = 2
    /// When the cluster shows none of the categories a patch fits, its targets are the categories it fits at least
    /// this well. Default 0.5.
    package var targetFitWithoutEvidence: Double = 0.5
    /// Representatives named in an explanation. Default 4.
    package var explainedRepresentatives: Int = 4
    /// Below this relevance (the fit weighted by the cluster's inferred category scores) a candidate's explanation
    /// says it is a low-evidence alternative. Default 0.05.
    package var lowEvidenceRelevance: Double = 0.05
    /// The word budget from references: this many times the median reference length, rounded up to
    /// ``budgetRounding`` words and kept within ``referenceBudgetRange``: room for the full answer, never a tight or a
    /// loose cap. Defaults 2, 10, 20...120.
    package var referenceBudgetFactor: Int = 2
    /// See ``referenceBudgetFactor``.
    package var budgetRounding: Int = 10
    /// See ``referenceBudgetFactor``.
    package var referenceBudgetRange: ClosedRange<Int> = 20...120

    package init() {}

    /// Checks the tuning.
    ///
    /// - Throws: ``PatchGenerationError/invalidConfiguration(_:)`` naming what is wrong.
    func validate() throws {
        let fits = [
            self.clarifiableFamilyWeight, self.clarifiedCategoryFit, self.workedExampleFit,
            self.targetFitWithoutEvidence,
        ]
        if fits.contains(where: { !($0.isFinite && (0...1).contains($0)) }) {
            throw PatchGenerationError.invalidConfiguration("template fits and weights must be in 0...1")
        }
        if !(self.lowEvidenceRelevance.isFinite && self.lowEvidenceRelevance >= 0) {
            throw PatchGenerationError.invalidConfiguration("the low-evidence relevance must be a finite number >= 0")
        }
        let counts = [
            self.exampleCandidates, self.quotedQuestionWords, self.quotedClaimWords, self.quotedClaims,
            self.explainedRepresentatives, self.referenceBudgetFactor, self.budgetRounding,
            self.referenceBudgetRange.lowerBound,
        ]
        if counts.contains(where: { $0 < 1 }) {
            throw PatchGenerationError.invalidConfiguration(
                "template counts, quote lengths and the reference budget's factor, rounding and range must be positive")
        }
    }
}
