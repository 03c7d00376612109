/// Settings of the ``Simulator``.
package struct SimulatorConfiguration: Sendable, Hashable {
    /// How instructions change failure probabilities. Default ``EffectTable/default``.
    package var effects: EffectTable
    /// The seed used when a request carries none. Default 0.
    package var seed: UInt64
    /// How many words a verbose answer is padded to (before any `maxTokens` cut). Default 320.
    package var paddingWords: Int
    /// The model name reported in responses. Default ``Simulator/modelName`` (`kaizen-simulator`).
    package var modelName: String

    /// Creates a configuration; every field has a default.
    package init(
        effects: EffectTable = .default,
        seed: UInt64 = 0,
        paddingWords: Int = 320,
        modelName: String = Simulator.modelName
    ) {
        self.effects = effects
        self.seed = seed
        self.paddingWords = paddingWords
        self.modelName = modelName
    }
}
