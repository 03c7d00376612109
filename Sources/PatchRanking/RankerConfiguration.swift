import Verification

/// Settings of the ``Ranker``.
package struct RankerConfiguration: Sendable, Hashable {
    /// The criteria's weights when a request gives none. Default ``RankingWeights/init()`` (0.4, 0.2, 0.2, 0.2).
    package var weights: RankingWeights
    /// Prompt growth, in estimated tokens (one per 4 UTF-8 bytes), at which length safety has fallen to 0.5.
    /// Default 60.
    package var growthBudgetTokens: Int
    /// The hard cap on prompt growth: a candidate growing the prompt by more is excluded. Default 200.
    package var maxGrowthTokens: Int
    /// The hard cap on the patched prompt's size: a candidate whose prompt is larger is excluded. Default 4000.
    package var maxPromptTokens: Int
    /// Whether to run the measured check by default (a request may override it). Default `false`.
    package var measure: Bool
    /// The measured check's share of `hallucination_reduction` when it ran: `(1 − α)·estimate + α·measured`.
    /// Default 0.5.
    package var measuredShare: Double
    /// Outputs sampled per representative and prompt in the measured check. Default 8.
    package var samples: Int
    /// The measured check's seed; base and patched prompts share it (common random numbers). Default 0.
    package var seed: UInt64
    /// The most representatives the measured check replays. Default 8.
    package var maxMeasuredRepresentatives: Int
    /// The injection guard's span (candidates copying this many consecutive words of a representative are
    /// excluded). Default 8.
    package var injectionSpanTokens: Int
    /// The verifier for mode inference and the measured check. Default ``VerifierConfiguration/init()``.
    package var verifier: VerifierConfiguration

    /// Creates a configuration; every field has a default.
    package init(
        weights: RankingWeights = RankingWeights(),
        growthBudgetTokens: Int = 60,
        maxGrowthTokens: Int = 200,
        maxPromptTokens: Int = 4000,
        measure: Bool = false,
        measuredShare: Double = 0.5,
        samples: Int = 8,
        seed: UInt64 = 0,
        maxMeasuredRepresentatives: Int = 8,
        injectionSpanTokens: Int = 8,
        verifier: VerifierConfiguration = VerifierConfiguration()
    ) {
        self.weights = weights
        self.growthBudgetTokens = growthBudgetTokens
        self.maxGrowthTokens = maxGrowthTokens
        self.maxPromptTokens = maxPromptTokens
        self.measure = measure
        self.measuredShare = measuredShare
        self.samples = samples
        self.seed = seed
        self.maxMeasuredRepresentatives = maxMeasuredRepresentatives
        self.injectionSpanTokens = injectionSpanTokens
        self.verifier = verifier
    }

    /// Checks the configuration.
    ///
    /// - Throws: ``RankingError`` naming the first bad field.
    package func validate() throws {
        try self.weights.validate()
        if self.growthBudgetTokens < 1 || self.maxGrowthTokens <= self.growthBudgetTokens {
            throw RankingError.invalidConfiguration("growth budget must be at least 1 and below the growth cap")
        }
        if self.maxPromptTokens < 1 {
            throw RankingError.invalidConfiguration("the prompt size cap must be at least 1 token")
        }
        if !(self.measuredShare.isFinite && (0...1).contains(self.measuredShare)) {
            throw RankingError.invalidConfiguration("measured share must be in 0...1")
        }
        if self.samples < 1 || self.maxMeasuredRepresentatives < 1 {
            throw RankingError.invalidConfiguration("samples and measured representatives must be at least 1")
        }
        if self.injectionSpanTokens < 2 {
            throw RankingError.invalidConfiguration("injection span must be at least 2 tokens")
        }
    }
}
