/// Settings of the ``Verifier``: reward weights, the length budget, the grounding model and the hallucination
/// threshold.
package struct VerifierConfiguration: Sendable, Hashable {
    /// The weight of each reward part. Default ``RewardWeights/init(grounding:reference:length:format:judge:)``
    /// (0.5, 0.3, 0.1, 0.1, 0.2).
    package var weights: RewardWeights
    /// The length budget in words; `metadata.length_budget` (a number) overrides it per experience. Default 200.
    package var lengthBudget: Int
    /// How far past the budget, as a fraction of it, the length part falls linearly from 1 to 0. Default 1
    /// (zero at twice the budget).
    package var lengthTolerance: Double
    /// The model that turns a response's grounding features into a hallucination risk in 0...1. Default
    /// ``GroundingModel/shipped``, or the deployment's calibrated model (``GroundingModel/standard``).
    package var groundingModel: GroundingModel
    /// The risk at or above which a response is flagged as a hallucination. Default
    /// ``GroundingModel/shippedThreshold`` (chosen on the fitting half of HaluEval dialogue and summarization, see
    /// `Benchmarks/README.md`), or the calibrated model's.
    package var hallucinationThreshold: Double
    /// Whether a response with a conflicting number (an unsupported number while the context or input states
    /// numbers, see ``GroundingFeatures/conflictingNumber``) is flagged whatever its risk. Default `true`.
    package var flagConflictingNumbers: Bool
    /// Whether a response with a fabricated sentence (an unsupported name and an unsupported number in a sentence
    /// with no supported content word, see ``GroundingAnalysis/fabricatedSentences``) is flagged whatever its risk.
    /// Default `true`.
    package var flagFabricatedClaims: Bool
    /// Whether a wrong answer to a comparison the context decides is flagged whatever its risk: the wrong one of two
    /// alternatives by the years, measures or counts the context gives them ("Oasis" to "Which band formed first,
    /// Oasis or Blur?" where the context dates Blur earlier, see ``OfferedChoice``), or "No" to "Are A and B both
    /// P?" where the context states P of each (``SharedAttribute``). Default `true`.
    package var flagWrongChoices: Bool
    /// Whether a one-sentence answer to an input's only question, an open one (with a question word: "Which
    /// broadcaster ...?"), that names something nothing supports (``GroundingAnalysis/unsupportedAnswerNames``: not a
    /// qualifier such as "Madrid, Spain") or a name stitched from the context's name words (``NameJoins``) is flagged
    /// whatever its risk: the name is then the answer, and one invented word of it is diluted by the question's and
    /// the context's words around it ("Richard Whiteley previously worked for Granada Television."). The same switch
    /// flags a title whose ending is swapped for another of the context's ("We Need to Talk About James",
    /// ``NameJoins/swappedTitle(in:)``) and a name only the question's first step passes through ("Dallas, Texas" to
    /// "The director of Primer was born in which city?", ``AnswerHop``). Default `true`.
    package var flagInventedAnswers: Bool
    /// The share of an answer's content words that the context and input do not state (qualifiers such as "Spain"
    /// in "Madrid, Spain" aside) at or above which it is flagged whatever its risk, when the whole input is a single
    /// question ("In which city was the label that released X founded?"), or `nil` for no such flag. Default: the
    /// standard grounding model's (``FittedGroundingModel/unsupportedAnswerShare``): `nil` for the shipped one, what
    /// `kaizen calibrate` chose for a calibrated one. Where answers should be extractive, 0.1 catches a wrong answer
    /// that adds a word of its own to supported ones; where right answers paraphrase or chat ("Exactly! It is
    /// Delhi."), it flags them too (`Docs/verifier.md`).
    package var unsupportedAnswerShare: Double?
    /// Whether the reference, when present, counts as support for grounding. Default `true`.
    package var groundOnReference: Bool
    /// The seed passed to the judge model. Default 0.
    package var judgeSeed: UInt64
    /// The reward range of each outcome. Default ``RewardBands/init(answer:abstention:minorFailure:nonAnswer:hallucination:)``.
    package var bands: RewardBands
    /// The thresholds behind the failure modes. Default ``FailureRules/init(verboseBelow:formatBelow:incompleteReferenceBelow:shortAnswerRatio:cutOffMinimumWords:echoShare:)``.
    package var failureRules: FailureRules

    /// Creates a configuration; every field has a default.
    package init(
        weights: RewardWeights = RewardWeights(),
        lengthBudget: Int = 200,
        lengthTolerance: Double = 1,
        groundingModel: GroundingModel = GroundingModel.standard.model,
        hallucinationThreshold: Double = GroundingModel.standard.threshold,
        flagConflictingNumbers: Bool = true,
        flagFabricatedClaims: Bool = true,
        flagWrongChoices: Bool = true,
        flagInventedAnswers: Bool = true,
        unsupportedAnswerShare: Double? = GroundingModel.standard.unsupportedAnswerShare,
        groundOnReference: Bool = true,
        judgeSeed: UInt64 = 0,
        bands: RewardBands = RewardBands(),
        failureRules: FailureRules = FailureRules()
    ) {
        self.weights = weights
        self.lengthBudget = lengthBudget
        self.lengthTolerance = lengthTolerance
        self.groundingModel = groundingModel
        self.hallucinationThreshold = hallucinationThreshold
        self.flagConflictingNumbers = flagConflictingNumbers
        self.flagFabricatedClaims = flagFabricatedClaims
        self.flagWrongChoices = flagWrongChoices
        self.flagInventedAnswers = flagInventedAnswers
        self.unsupportedAnswerShare = unsupportedAnswerShare
        self.groundOnReference = groundOnReference
        self.judgeSeed = judgeSeed
        self.bands = bands
        self.failureRules = failureRules
    }

    /// Checks the configuration.
    ///
    /// - Throws: ``VerificationError`` when a weight is negative or not finite, when the weights of the parts that
    ///   are always present (grounding and length) are both zero (so some experience would have no weighted part),
    ///   when the budget is below 1, the tolerance not positive, the threshold not finite, the unsupported answer
    ///   share outside 0...1, or the grounding model invalid (see ``GroundingModel/validate()``).
    package func validate() throws {
        let named: [(String, Double)] = [
            ("grounding", self.weights.grounding), ("reference", self.weights.reference),
            ("length", self.weights.length), ("format", self.weights.format), ("judge", self.weights.judge),
            ("relevance", self.weights.relevance),
        ]
        for (name, weight) in named where !(weight.isFinite && weight >= 0) {
            throw VerificationError.invalidConfiguration("weight '\(name)' must be a finite number >= 0, got \(weight)")
        }
        if self.weights.grounding + self.weights.length <= 0 {
            throw VerificationError.invalidConfiguration(
                "the grounding and length weights cannot both be 0: they are the only parts every experience has")
        }
        if self.lengthBudget < 1 {
            throw VerificationError.invalidConfiguration("length budget must be at least 1 word")
        }
        if !(self.lengthTolerance.isFinite && self.lengthTolerance > 0) {
            throw VerificationError.invalidConfiguration("length tolerance must be a finite number > 0")
        }
        if !self.hallucinationThreshold.isFinite {
            throw VerificationError.invalidConfiguration("hallucination threshold must be finite")
        }
        if let share = self.unsupportedAnswerShare, !(share.isFinite && share >= 0 && share <= 1) {
            throw VerificationError.invalidConfiguration("the unsupported answer share must be in 0...1, got \(share)")
        }
        try self.bands.validate()
        try self.groundingModel.validate()
    }
}
