import Verification

/// Settings of the ``PatchGenerator``.
package struct PatchGeneratorConfiguration: Sendable, Hashable {
    /// The number of candidates a request may ask for. Default `3...5`.
    package var allowedCounts: ClosedRange<Int>
    /// The shortest run of words copied from a representative that the injection guard rejects. Default 8.
    package var injectionSpanTokens: Int
    /// A category is targeted when its inferred score is at least this. Default 0.2.
    package var modeThreshold: Double
    /// The word budget the length strategies state when the representatives give no reference or
    /// `length_budget` to derive one from. Default 80.
    package var defaultWordBudget: Int
    /// How many times LLM mode asks the model before giving up (each retry says why the last answer failed).
    /// Default 3.
    package var llmAttempts: Int
    /// Sampling temperature of LLM-mode requests. Default 0.7.
    package var llmTemperature: Double
    /// Output token cap of LLM-mode requests. Default 1500.
    package var llmMaxTokens: Int
    /// The longest patch, in estimated tokens, LLM mode accepts. Default 160.
    package var maxPatchTokens: Int
    /// How many representatives LLM mode shows the model, and how many characters of each text. Defaults 5, 400.
    package var llmRepresentatives: Int
    /// See ``llmRepresentatives``.
    package var llmQuoteCharacters: Int
    /// The verifier used on representatives. Default ``VerifierConfiguration/init()``.
    package var verifier: VerifierConfiguration
    /// Template mode's weights and limits. Default ``TemplatePatchTuning/init()``.
    package var template: TemplatePatchTuning

    /// Creates a configuration; every field has a default.
    package init(
        allowedCounts: ClosedRange<Int> = 3...5,
        injectionSpanTokens: Int = 8,
        modeThreshold: Double = 0.2,
        defaultWordBudget: Int = 80,
        llmAttempts: Int = 3,
        llmTemperature: Double = 0.7,
        llmMaxTokens: Int = 1500,
        maxPatchTokens: Int = 160,
        llmRepresentatives: Int = 5,
        llmQuoteCharacters: Int = 400,
        verifier: VerifierConfiguration = VerifierConfiguration(),
        template: TemplatePatchTuning = TemplatePatchTuning()
    ) {
        self.allowedCounts = allowedCounts
        self.injectionSpanTokens = injectionSpanTokens
        self.modeThreshold = modeThreshold
        self.defaultWordBudget = defaultWordBudget
        self.llmAttempts = llmAttempts
        self.llmTemperature = llmTemperature
        self.llmMaxTokens = llmMaxTokens
        self.maxPatchTokens = maxPatchTokens
        self.llmRepresentatives = llmRepresentatives
        self.llmQuoteCharacters = llmQuoteCharacters
        self.verifier = verifier
        self.template = template
    }

    /// Checks the configuration.
    ///
    /// - Throws: ``PatchGenerationError/invalidConfiguration(_:)`` naming the first bad field.
    package func validate() throws {
        if self.allowedCounts.lowerBound < 1 {
            throw PatchGenerationError.invalidConfiguration("allowed counts must start at 1 or more")
        }
        if self.injectionSpanTokens < 2 {
            throw PatchGenerationError.invalidConfiguration("injection span must be at least 2 tokens")
        }
        if !(self.modeThreshold.isFinite && (0...1).contains(self.modeThreshold)) {
            throw PatchGenerationError.invalidConfiguration("mode threshold must be in 0...1")
        }
        if self.defaultWordBudget < 1 || self.llmAttempts < 1 || self.llmMaxTokens < 1 || self.maxPatchTokens < 1
            || self.llmRepresentatives < 1 || self.llmQuoteCharacters < 20
        {
            throw PatchGenerationError.invalidConfiguration(
                "word budget, attempts, token caps and representative limits must be positive (quotes at least 20)")
        }
        if !(self.llmTemperature.isFinite && self.llmTemperature >= 0) {
            throw PatchGenerationError.invalidConfiguration("LLM temperature must be a finite number >= 0")
        }
        try self.template.validate()
    }
}
