/// The state of a GRPO run over patch choices (policy, reference, optimiser) and its pure steps: sample the groups
/// for a batch, then update the policy from their rewards.
///
/// The two steps are pure and synchronous, so they are tested without I/O; `train(experienceCount:reward:progress:)`
/// drives them against an async reward function. The policy that samples a batch is `π_old` for that batch's
/// update, so `update(groups:)` must be given groups sampled from the current `policy`.
package struct GRPOTrainer: Sendable {
    /// The run's configuration.
    package let configuration: GRPOConfiguration
    /// `π_ref`: the prior the run started from and the anchor of the KL penalty.
    package private(set) var reference: PatchPolicy
    /// The current policy `π_θ`.
    package private(set) var policy: PatchPolicy
    /// The optimiser, whose moments persist across steps.
    package private(set) var optimizer: AdamOptimizer

    /// Starts a run at the prior (the initial policy is the reference).
    package init(prior: PatchPolicy, configuration: GRPOConfiguration = GRPOConfiguration()) {
        precondition(configuration.groupSize >= 2, "a group needs at least two rollouts")
        precondition(configuration.batchSize >= 1, "a batch needs at least one experience")
        precondition(configuration.innerSteps >= 1, "at least one inner step")
        precondition(configuration.maxConcurrentRollouts >= 1, "at least one call in flight")
        self.configuration = configuration
        self.reference = prior
        self.policy = prior
        self.optimizer = AdamOptimizer(parameterCount: prior.parameterCount, configuration: configuration.adam)
    }

    /// Samples `G` variants from the current policy for each experience, in order.
    ///
    /// - Complexity: O(B·G·Σ_c m_c).
    package func sampleGroups(experiences: [Int], using rng: inout some RandomNumberGenerator) -> [[Variant]] {
        let tables = self.policy.probabilities
        return experiences.map { _ in
            (0..<self.configuration.groupSize).map { _ in PatchPolicy.sample(from: tables, using: &rng) }
        }
    }

    /// Updates the policy from one batch: group-relative advantages (zero-spread groups skipped), then
    /// `innerSteps` Adam steps up the objective `J(θ)` with `π_old` the policy before the call.
    ///
    /// When every group has zero spread nothing is learnt, the policy and optimiser are left unchanged, and the
    /// statistics say `updated == false`.
    ///
    /// - Precondition: the groups were sampled from the current `policy`; the batch has at least one rollout.
    /// - Complexity: O(K·(N·C + Σ_c m_c)) for K inner steps and N rollouts over C clusters.
    @discardableResult
    package mutating func update(groups: [RolloutGroup]) -> UpdateStatistics {
        let allRewards = groups.flatMap(\.rewards)
        precondition(!allRewards.isEmpty, "a batch needs at least one rollout")
        let oldLogProbabilities = (0..<self.policy.clusterCount).map { self.policy.logProbabilities(cluster: $0) }
        var samples = [SurrogateSample]()
        samples.reserveCapacity(allRewards.count)
        var skipped = 0
        for group in groups {
            guard
                let advantages = GRPO.advantages(
                    rewards: group.rewards,
                    normalization: self.configuration.advantageNormalization,
                    epsilon: self.configuration.advantageEpsilon
                )
            else {
                skipped += 1
                continue
            }
            for (variant, advantage) in zip(group.variants, advantages) {
                precondition(variant.clusterCount == oldLogProbabilities.count, "variant and policy differ in shape")
                var oldLogProbability = 0.0
                for cluster in oldLogProbabilities.indices {
                    oldLogProbability += oldLogProbabilities[cluster][variant[cluster]]
                }
                samples.append(
                    SurrogateSample(variant: variant, advantage: advantage, oldLogProbability: oldLogProbability)
                )
            }
        }
        let meanReward = Statistics.mean(allRewards)
        guard !samples.isEmpty else {
            let kl = self.policy.klDivergence(from: self.reference)
            return UpdateStatistics(
                groupCount: groups.count,
                zeroSpreadGroupCount: skipped,
                meanReward: meanReward,
                surrogate: 0,
                objective: -self.configuration.klCoefficient * kl,
                klDivergence: kl,
                updated: false
            )
        }
        var parameters = self.policy.flattenedLogits
        for _ in 0..<self.configuration.innerSteps {
            let evaluation = self.evaluate(samples)
            let descent = evaluation.gradient.flatMap { $0.map { -$0 } }
            self.optimizer.step(parameters: &parameters, gradient: descent)
            self.policy.flattenedLogits = parameters
        }
        let final = self.evaluate(samples)
        return UpdateStatistics(
            groupCount: groups.count,
            zeroSpreadGroupCount: skipped,
            meanReward: meanReward,
            surrogate: final.surrogate,
            objective: final.objective,
            klDivergence: final.klDivergence,
            updated: true
        )
    }

    /// Leaves only `choices` (per cluster) with noticeable probability: the others' logits drop 30 below the lowest
    /// kept one, so a choice that successive halving eliminated is neither sampled nor chosen again.
    package mutating func restrict(to choices: [[Int]]) {
        self.policy = self.policy.restricted(to: choices)
    }

    /// Adds an evolved candidate to `cluster` as its last choice. It starts with the logit of `parent` (the choice
    /// it was evolved from) in both the policy and the reference, so it is first sampled as often as its parent and
    /// the KL penalty does not hold it back; its optimiser moments start at zero.
    package mutating func addChoice(cluster: Int, copying parent: Int) {
        let offset = self.policy.choiceCounts[...cluster].reduce(0, +)
        self.policy.appendChoice(cluster: cluster, logit: self.policy.logits[cluster][parent])
        self.reference.appendChoice(cluster: cluster, logit: self.reference.logits[cluster][parent])
        self.optimizer.insertParameter(at: offset)
    }

    private func evaluate(_ samples: [SurrogateSample]) -> ObjectiveEvaluation {
        GRPO.evaluate(
            policy: self.policy,
            samples: samples,
            reference: self.reference,
            clipEpsilon: self.configuration.clipEpsilon,
            klCoefficient: self.configuration.klCoefficient
        )
    }
}
