/// Settings of an evaluation; the defaults match the trainer's held-out gate, so `kaizen eval` and the gate sample
/// and judge alike.
package struct EvaluationConfiguration: Sendable, Hashable {
    /// Seed of every model call (per experience, shared by all versions) and of the bootstrap. Default 0.
    package var seed: UInt64 = 0
    /// Sampling temperature. Default 1 (the trainer's).
    package var temperature: Double = 1
    /// Largest answer asked of the model, in tokens. Default 512 (the trainer's).
    package var maxTokens: Int = 512
    /// How many times each version answers each experience, 1-16; figures use each experience's mean (reward) and
    /// share (failure rates), and intervals still resample experiences. Default 1 (the trainer's gate with the
    /// simulator; `kaizen eval` asks 3 of a real endpoint, as the gate does there).
    package var answersPerExperience: Int = 1
    /// Model calls in flight at once. Default 8.
    package var maxConcurrency: Int = 8
    /// Bootstrap resamples per interval. Default 2000.
    package var bootstrapResamples: Int = 2000
    /// The fewest experiences for which the intervals are trusted to hold their 95% (the trainer's gate uses the
    /// same bound). Below it the result says so, and a version is never called significantly worse. Default 20.
    package var minimumExperiences: Int = 20

    package init() {}
}
