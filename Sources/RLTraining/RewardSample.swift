/// What one reward call returns: the verifier's reward for a variant on an experience, and the tokens it cost.
package struct RewardSample: Sendable, Hashable, Codable, ExpressibleByFloatLiteral {
    /// The reward, finite (0...1 from the verifier, though the trainer does not require that range).
    package var reward: Double
    /// The tokens the call used (prompt and completion), for the token budget; 0 when not counted.
    package var tokens: Int
    /// The model failed to answer (after its own retries): the rollout counts against the rollout budget, its
    /// `reward` means nothing and it is left out of its group (see ``GRPOConfiguration/failureAllowance``).
    package var failed: Bool
    /// What the reward model found wrong with the answer (the verifier's failure modes, worst first); empty for a
    /// success or when the reward model says nothing. Candidate evolution (``CandidateEvolution``) reads them as the
    /// evidence for new candidates.
    package var findings: [String]

    /// Creates a sample.
    package init(reward: Double, tokens: Int = 0, findings: [String] = []) {
        self.reward = reward
        self.tokens = tokens
        self.failed = false
        self.findings = findings
    }

    /// A rollout whose generation failed.
    package static let failure: RewardSample = {
        var sample = RewardSample(reward: 0)
        sample.failed = true
        return sample
    }()

    /// A sample with this reward and no tokens counted.
    package init(floatLiteral value: Double) {
        self.init(reward: value)
    }
}

/// Scores one variant on one experience (by index): generate with the target model, then verify. Called
/// concurrently; must be safe to call from several tasks at once.
package typealias RewardFunction = @Sendable (Variant, Int) async throws -> RewardSample
