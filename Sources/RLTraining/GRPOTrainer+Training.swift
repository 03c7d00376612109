import Randomness

extension GRPOTrainer {
    /// Runs GRPO from this state until the configured steps are done, a budget is reached or the task is cancelled.
    ///
    /// Each step takes the next `B` experiences of a seeded per-epoch permutation of `0..<experienceCount`, samples
    /// `G` variants per experience from the current policy (seeded by the configuration's seed and the step number),
    /// calls `reward` for all `B·G` (variant, experience) pairs with at most `maxConcurrentRollouts` in flight (a
    /// sliding window), places the results by index, and updates the policy. The run is therefore deterministic for
    /// a deterministic reward function, whatever the completion order or concurrency bound.
    ///
    /// Budgets are never checked mid-step (that would make the result depend on completion order):
    /// - rollouts: a step shrinks to the whole groups that still fit; when not one fits, the run stops with
    ///   `.rolloutBudget`, so the cap is never exceeded;
    /// - tokens: before each step, the tokens per rollout seen so far estimate the step's cost; the step shrinks to
    ///   the groups the remaining tokens cover, and the run stops with `.tokenBudget` when none does or the cap is
    ///   reached. The first step runs in full (nothing to estimate from), so a run can pass the cap by the error of
    ///   that estimate.
    ///
    /// Cancellation (checked between steps, and seen by the reward calls in flight) ends the run with `.cancelled`
    /// and the policy of the last completed step rather than throwing; the interrupted step is discarded, and its
    /// calls (at most `B·G`) are not counted in `rollouts` or `tokens`. Any error the reward function throws while
    /// the task is cancelled is taken as cancellation.
    ///
    /// A rollout the reward function reports as ``RewardSample/failed`` (the model did not answer) counts against
    /// the rollout budget and is left out of its group (a group left with one rollout carries no signal). Once more
    /// than `max(2, failureAllowance × rollouts)` have failed, the run stops after that step with `.modelFailures`
    /// and the policy learned from the rest, rather than throwing away what it has.
    ///
    /// - Parameters:
    ///   - experienceCount: how many training experiences the reward function knows (indices `0..<experienceCount`).
    ///   - reward: scores a variant on an experience; called concurrently.
    ///   - progress: called after each step with its curve point.
    ///   - evolution: when given (and the allocation is ``AllocationRule/policy``), candidates evolve from what still
    ///     fails after each step (``CandidateEvolution``); `nil` (the default) leaves the variants as given.
    /// - Returns: the most probable variant of the final policy, the curve and what was spent.
    /// - Throws: the reward function's errors (other than cancellation), or `TrainingError.nonFiniteReward`.
    /// - Complexity: per step, `B·G` reward calls plus O(K·(B·G·C + Σ_c m_c)) arithmetic.
    package func train(
        experienceCount: Int,
        reward: @escaping RewardFunction,
        progress: (TrainingCurvePoint) -> Void = { _ in },
        evolution: CandidateEvolution? = nil
    ) async throws -> TrainingOutcome {
        precondition(experienceCount > 0, "training needs at least one experience")
        if self.configuration.allocation == .successiveHalving {
            return try await self.trainByHalving(
                experienceCount: experienceCount, reward: reward, progress: progress)
        }
        let configuration = self.configuration
        let groupSize = configuration.groupSize
        var trainer = self
        var order = ExperienceOrder(count: experienceCount, seed: configuration.seed)
        var curve = [TrainingCurvePoint]()
        var rollouts = 0
        var tokens = 0
        var groupsSeen = 0
        var zeroSpreadGroups = 0
        var stopReason = StopReason.completed
        var failedRollouts = 0
        var pool = ParetoPool(
            clusterCount: self.policy.clusterCount, minimumRollouts: evolution?.minimumEvidence ?? 1)
        var asked = Set<String>()
        var evolved = 0

        func outcome() -> TrainingOutcome {
            var outcome = TrainingOutcome(
                variant: trainer.policy.mostProbableVariant,
                policy: trainer.policy,
                curve: curve,
                rollouts: rollouts,
                tokens: tokens,
                zeroSpreadGroups: zeroSpreadGroups,
                groups: groupsSeen,
                stopReason: stopReason,
                failedRollouts: failedRollouts
            )
            if evolution != nil {
                outcome.paretoPool = pool.members
                outcome.evolvedCandidates = evolved
            }
            return outcome
        }

        for step in 0..<configuration.steps {
            if Task.isCancelled {
                stopReason = .cancelled
                break
            }
            var groupCount = min(configuration.batchSize, experienceCount)
            if let budget = configuration.rolloutBudget {
                groupCount = min(groupCount, max(0, budget - rollouts) / groupSize)
                if groupCount == 0 {
                    stopReason = .rolloutBudget
                    break
                }
            }
            if let budget = configuration.tokenBudget {
                groupCount = Self.groupsWithinTokenBudget(
                    groupCount, groupSize: groupSize, budget: budget, tokens: tokens, rollouts: rollouts)
                if groupCount == 0 {
                    stopReason = .tokenBudget
                    break
                }
            }

            let experiences = order.next(groupCount)
            var rng = SplitMix64.derived(seed: configuration.seed, stream: UInt64(step))
            let variants = trainer.sampleGroups(experiences: experiences, using: &rng)
            guard
                let stepped = try await Self.rollOut(
                    experiences: experiences, variants: variants,
                    maxConcurrency: configuration.maxConcurrentRollouts, reward: reward)
            else {
                stopReason = .cancelled
                break
            }
            rollouts += stepped.rollouts
            tokens += stepped.tokens
            failedRollouts += stepped.failedRollouts
            let tooManyFailures = failedRollouts > max(2, Int(configuration.failureAllowance * Double(rollouts)))
            let groups = stepped.groups
            guard !groups.isEmpty else {
                if tooManyFailures {
                    stopReason = .modelFailures
                    break
                }
                continue
            }
            let statistics = trainer.update(groups: groups)
            groupsSeen += statistics.groupCount
            zeroSpreadGroups += statistics.zeroSpreadGroupCount
            let point = TrainingCurvePoint(
                step: step + 1,
                groups: statistics.groupCount,
                meanReward: statistics.meanReward,
                klDivergence: statistics.klDivergence,
                surrogate: statistics.surrogate,
                objective: statistics.objective,
                zeroSpreadShare: statistics.zeroSpreadShare,
                rollouts: rollouts,
                tokens: tokens,
                probabilities: trainer.policy.probabilities
            )
            curve.append(point)
            progress(point)
            if let evolution {
                for (call, sample) in zip(stepped.calls, stepped.samples) where !sample.failed {
                    pool.record(
                        call.variant, cluster: evolution.cluster(call.experience), index: call.experience,
                        sample: sample)
                }
                try await trainer.evolve(evolution, pool: pool, step: step + 1, asked: &asked, added: &evolved)
            }
            if tooManyFailures {
                stopReason = .modelFailures
                break
            }
        }
        return outcome()
    }
}
