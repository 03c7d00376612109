/// Everything that shapes a GRPO run over patch choices: group and batch sizes, the objective's constants, the
/// optimiser, concurrency, budgets and the seed.
package struct GRPOConfiguration: Sendable, Hashable, Codable {
    /// Variants sampled per experience, `G` (≥ 2). Default `8`.
    package var groupSize: Int
    /// Experiences per step, `B` (≥ 1); a step makes `B·G` reward calls. Default `8`.
    package var batchSize: Int
    /// The most steps (batches) to run; reaching it stops with `.completed`. Default `50`.
    package var steps: Int
    /// Adam steps on each batch's objective, all against the same `π_old` (≥ 1). Default `4`.
    package var innerSteps: Int
    /// `ε` of the ratio clip `clip(ρ, 1 − ε, 1 + ε)`. Default `0.2`.
    package var clipEpsilon: Double
    /// `β`, the weight of the exact `KL(π_θ ‖ π_ref)` penalty. Default `0.02`.
    package var klCoefficient: Double
    /// GRPO's standardised advantages or Dr. GRPO's centred ones. Default `.standardDeviation`.
    package var advantageNormalization: AdvantageNormalization
    /// The `ε` added to the group's standard deviation. Default `1e-6`.
    package var advantageEpsilon: Double
    /// The optimiser; its state persists across steps for the whole run. Default `AdamConfiguration()` (α = 0.1).
    package var adam: AdamConfiguration
    /// The most reward calls in flight at once (a sliding window within each step). Default `16`.
    package var maxConcurrentRollouts: Int
    /// The most reward calls the run may make; `nil` for no cap. The last step shrinks to the groups that fit and
    /// the run stops with `.rolloutBudget` when not one more group fits. Default `nil`.
    package var rolloutBudget: Int?
    /// The most tokens (as the reward function reports them) the run may use; `nil` for no cap. Checked before each
    /// step from the tokens per rollout seen so far (see `GRPOTrainer.train`). Default `nil`.
    package var tokenBudget: Int?
    /// The seed of every random choice (experience order and variant sampling). Default `0`.
    package var seed: UInt64
    /// The share of rollouts whose generation may fail (a model that timed out or answered errors after its own
    /// retries, see ``RewardSample/failed``) before the run stops with `.modelFailures`, keeping the policy learned
    /// so far. Two failures are always tolerated. Default `0.1`.
    package var failureAllowance: Double
    /// Which variants the groups sample: from the policy throughout, or by successive halving (see
    /// ``AllocationRule``). Default `.policy`.
    package var allocation: AllocationRule

    /// Creates a configuration; every argument has the documented default.
    package init(
        groupSize: Int = 8,
        batchSize: Int = 8,
        steps: Int = 50,
        innerSteps: Int = 4,
        clipEpsilon: Double = 0.2,
        klCoefficient: Double = 0.02,
        advantageNormalization: AdvantageNormalization = .standardDeviation,
        advantageEpsilon: Double = 1e-6,
        adam: AdamConfiguration = AdamConfiguration(),
        maxConcurrentRollouts: Int = 16,
        rolloutBudget: Int? = nil,
        tokenBudget: Int? = nil,
        seed: UInt64 = 0,
        failureAllowance: Double = 0.1,
        allocation: AllocationRule = .policy
    ) {
        self.groupSize = groupSize
        self.batchSize = batchSize
        self.steps = steps
        self.innerSteps = innerSteps
        self.clipEpsilon = clipEpsilon
        self.klCoefficient = klCoefficient
        self.advantageNormalization = advantageNormalization
        self.advantageEpsilon = advantageEpsilon
        self.adam = adam
        self.maxConcurrentRollouts = maxConcurrentRollouts
        self.rolloutBudget = rolloutBudget
        self.tokenBudget = tokenBudget
        self.seed = seed
        self.failureAllowance = failureAllowance
        self.allocation = allocation
    }
}
