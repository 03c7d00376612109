import ConcurrencyLimits

/// What one step's rollouts gave: the groups to learn from and what the step spent.
struct StepRollouts {
    /// One group per experience, without its failed rollouts; experiences whose rollouts all failed have none.
    var groups: [RolloutGroup]
    var rollouts: Int
    var tokens: Int
    var failedRollouts: Int
    /// Every rollout of the step in order, `(variant, experience)`, with its sample (failed ones included), for the
    /// evidence candidate evolution keeps.
    var calls: [(variant: Variant, experience: Int)]
    var samples: [RewardSample]
}

extension GRPOTrainer {
    /// Rewards one step's rollouts, `variants[i]` on `experiences[i]`, with at most `maxConcurrency` calls in flight,
    /// placed by index (so the result does not depend on completion order), and groups them per experience. Both
    /// allocation rules (``AllocationRule``) step through here.
    ///
    /// - Returns: the step's groups and spending, or `nil` when the task was cancelled meanwhile (the step is
    ///   discarded; a reward function may surface cancellation as its own error, an HTTP client's say).
    /// - Throws: the reward function's other errors, or `TrainingError.nonFiniteReward`.
    static func rollOut(
        experiences: [Int], variants: [[Variant]], maxConcurrency: Int, reward: @escaping RewardFunction
    ) async throws -> StepRollouts? {
        let calls = zip(experiences, variants).flatMap { experience, group in
            group.map { (variant: $0, experience: experience) }
        }
        let samples: [RewardSample]
        do {
            samples = try await BoundedConcurrency.map(count: calls.count, maxConcurrency: maxConcurrency) { index in
                try await reward(calls[index].variant, calls[index].experience)
            }
        } catch {
            guard error is CancellationError || Task.isCancelled else { throw error }
            return nil
        }
        for (call, sample) in zip(calls, samples) where !sample.failed && !sample.reward.isFinite {
            throw TrainingError.nonFiniteReward(variant: call.variant, experience: call.experience)
        }
        var offset = 0
        let groups = zip(experiences, variants).compactMap { experience, group -> RolloutGroup? in
            defer { offset += group.count }
            let members = group.indices.filter { !samples[offset + $0].failed }
            guard !members.isEmpty else { return nil }
            return RolloutGroup(
                experience: experience, variants: members.map { group[$0] },
                rewards: members.map { samples[offset + $0].reward })
        }
        return StepRollouts(
            groups: groups, rollouts: calls.count, tokens: samples.reduce(0) { $0 + $1.tokens },
            failedRollouts: samples.count { $0.failed }, calls: calls, samples: samples)
    }

    /// How many of `groupCount` groups of `groupSize` the token `budget` still covers, estimated from the tokens per
    /// rollout spent so far; 0 once it is spent. Before the first rollout there is nothing to estimate from, so one
    /// group goes first and measures: a whole first step could spend many times a small budget (a batch of 16 groups
    /// of 8 against a cap of 1,000 tokens), one group overshoots by at most one group's cost. When rollouts report no
    /// tokens at all, the cap cannot be kept and every group runs.
    static func groupsWithinTokenBudget(
        _ groupCount: Int, groupSize: Int, budget: Int, tokens: Int, rollouts: Int
    ) -> Int {
        if tokens >= budget { return 0 }
        if rollouts == 0 { return min(groupCount, 1) }
        guard tokens > 0 else { return groupCount }
        let perGroup = Double(tokens) / Double(rollouts) * Double(groupSize)
        return min(groupCount, Int((Double(budget - tokens) / perGroup).rounded(.down)))
    }
}
