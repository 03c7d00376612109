import Randomness

extension GRPOTrainer {
    /// `train(experienceCount:reward:progress:)` under ``AllocationRule/successiveHalving``.
    ///
    /// The planned rollouts, `steps · min(B, n) · G` or the rollout budget when smaller, make `⌈planned / B·G⌉`
    /// steps, and each round (``HalvingAllocator``) gets its share of the steps left (at least one; a variants round
    /// counts twice, ``HalvingAllocator/roundShare``). Each step takes `⌊B·G / g⌋` experiences for groups of `g`
    /// rollouts, samples them from the survivors, scores them like `train` does and updates the policy from them
    /// (GRPO, `π_old` the policy before the step). At the end of a round the clearly worse choices or the worse half
    /// of the variants are dropped and the policy restricted to what survives. The run stops as soon as one variant is left
    /// (`.completed`, usually before the plan is spent), or for the reasons `train` stops; the outcome's variant is
    /// then the surviving variant with the best evidence.
    func trainByHalving(
        experienceCount: Int,
        reward: @escaping RewardFunction,
        progress: (TrainingCurvePoint) -> Void
    ) async throws -> TrainingOutcome {
        let configuration = self.configuration
        var trainer = self
        let perStep = configuration.batchSize * configuration.groupSize
        let planned = min(
            configuration.steps * min(configuration.batchSize, experienceCount) * configuration.groupSize,
            configuration.rolloutBudget ?? Int.max)
        var order = ExperienceOrder(count: experienceCount, seed: configuration.seed)
        var curve = [TrainingCurvePoint]()
        var decisions = [AllocationDecision]()
        var rollouts = 0
        var tokens = 0
        var groupsSeen = 0
        var zeroSpreadGroups = 0
        var failedRollouts = 0
        var stopReason = StopReason.completed
        var step = 0
        let plannedSteps = max(1, (planned + perStep - 1) / perStep)
        var allocator = HalvingAllocator(
            choiceCounts: self.policy.choiceCounts, groupSize: configuration.groupSize, plannedSteps: plannedSteps,
            plannedRollouts: planned)
        var roundStepsLeft = max(1, plannedSteps * allocator.roundShare / max(1, allocator.sharesLeft))

        while !allocator.isDecided {
            if Task.isCancelled {
                stopReason = .cancelled
                break
            }
            if roundStepsLeft == 0 {
                decisions.append(allocator.endRound(totalRollouts: rollouts))
                trainer.restrict(to: allocator.alive)
                roundStepsLeft = max(1, (plannedSteps - step) * allocator.roundShare / max(1, allocator.sharesLeft))
                continue
            }
            let groupSize = allocator.currentGroupSize
            var groupCount = min(max(1, perStep / groupSize), (planned - rollouts) / groupSize)
            if groupCount == 0 || step >= configuration.steps {
                stopReason = configuration.rolloutBudget.map { planned >= $0 } == true ? .rolloutBudget : .completed
                break
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
            let variants = experiences.map { _ in allocator.group(using: &rng) }
            guard
                let stepped = try await Self.rollOut(
                    experiences: experiences, variants: variants,
                    maxConcurrency: configuration.maxConcurrentRollouts, reward: reward)
            else {
                stopReason = .cancelled
                break
            }
            step += 1
            roundStepsLeft -= 1
            rollouts += stepped.rollouts
            tokens += stepped.tokens
            failedRollouts += stepped.failedRollouts
            let tooManyFailures = failedRollouts > max(2, Int(configuration.failureAllowance * Double(rollouts)))
            let groups = stepped.groups
            allocator.record(groups, rollouts: stepped.rollouts)
            if !groups.isEmpty {
                let statistics = trainer.update(groups: groups)
                groupsSeen += statistics.groupCount
                zeroSpreadGroups += statistics.zeroSpreadGroupCount
                let point = TrainingCurvePoint(
                    step: step, groups: statistics.groupCount, meanReward: statistics.meanReward,
                    klDivergence: statistics.klDivergence, surrogate: statistics.surrogate,
                    objective: statistics.objective, zeroSpreadShare: statistics.zeroSpreadShare, rollouts: rollouts,
                    tokens: tokens, probabilities: trainer.policy.probabilities)
                curve.append(point)
                progress(point)
            }
            if tooManyFailures {
                stopReason = .modelFailures
                break
            }
        }
        let chosen = allocator.leader
        trainer.restrict(to: chosen.choices.map { [$0] })
        return TrainingOutcome(
            variant: chosen, policy: trainer.policy, curve: curve, rollouts: rollouts, tokens: tokens,
            zeroSpreadGroups: zeroSpreadGroups, groups: groupsSeen, stopReason: stopReason,
            failedRollouts: failedRollouts, decisions: decisions)
    }
}
