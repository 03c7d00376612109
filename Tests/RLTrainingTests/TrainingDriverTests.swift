import Foundation
import Synchronization
import Testing

@testable import RLTraining

struct TrainingDriverTests {
    static func configuration(
        seed: UInt64 = 1,
        steps: Int = 12,
        concurrency: Int = 8,
        rolloutBudget: Int? = nil,
        tokenBudget: Int? = nil
    ) -> GRPOConfiguration {
        GRPOConfiguration(
            groupSize: 6,
            batchSize: 4,
            steps: steps,
            maxConcurrentRollouts: concurrency,
            rolloutBudget: rolloutBudget,
            tokenBudget: tokenBudget,
            seed: seed
        )
    }

    @Test func sameSeedGivesTheSameCurveAndResult() async throws {
        let task = SyntheticTask.rankerIsWrong
        let first = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration())
            .train(experienceCount: 100, reward: task.reward)
        let second = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration())
            .train(experienceCount: 100, reward: task.reward)
        #expect(first == second)
        #expect(first.curve.count == 12)
        #expect(first.stopReason == .completed)

        let other = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(seed: 2))
            .train(experienceCount: 100, reward: task.reward)
        #expect(other.curve != first.curve)
    }

    @Test(arguments: [1, 3, 16, 64])
    func concurrencyBoundDoesNotChangeTheResult(concurrency: Int) async throws {
        let task = SyntheticTask.noPatchIsBest
        // Random delays shuffle the completion order.
        let reward: RewardFunction = { variant, experience in
            try await Task.sleep(for: .microseconds(Int.random(in: 0..<300)))
            return try await task.reward(variant, experience)
        }
        let reference = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(steps: 5))
            .train(experienceCount: 50, reward: task.reward)
        let outcome = try await GRPOTrainer(
            prior: task.prior,
            configuration: Self.configuration(steps: 5, concurrency: concurrency)
        ).train(experienceCount: 50, reward: reward)
        #expect(outcome == reference)
    }

    @Test func curveReportsEveryStep() async throws {
        let task = SyntheticTask.rankerIsWrong
        let reported = Mutex([TrainingCurvePoint]())
        let outcome = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration())
            .train(experienceCount: 100, reward: task.reward) { point in reported.withLock { $0.append(point) } }
        #expect(reported.withLock { $0 } == outcome.curve)
        #expect(outcome.curve.map(\.step) == Array(1...12))
        #expect(outcome.curve.map(\.rollouts) == (1...12).map { $0 * 24 })
        #expect(outcome.curve.map(\.tokens) == (1...12).map { $0 * 24 * 100 })
        #expect(outcome.rollouts == 288)
        #expect(outcome.tokens == 28_800)
        #expect(outcome.groups == 48)
        let last = try #require(outcome.curve.last)
        #expect(last.probabilities == outcome.policy.probabilities)
        #expect(abs(last.klDivergence - outcome.policy.klDivergence(from: task.prior)) < 1e-12)
        #expect(last.klDivergence > 0)
        for point in outcome.curve {
            #expect(point.zeroSpreadShare >= 0 && point.zeroSpreadShare <= 1)
            #expect(point.meanReward >= 0 && point.meanReward <= 1)
            #expect(abs(point.objective - (point.surrogate - 0.02 * point.klDivergence)) < 1e-12)
        }
        let skipped = outcome.curve.reduce(0.0) { $0 + $1.zeroSpreadShare * Double($1.groups) }
        #expect(abs(skipped - Double(outcome.zeroSpreadGroups)) < 1e-9)
    }

    @Test func rolloutBudgetShrinksTheLastStepAndStops() async throws {
        let task = SyntheticTask.rankerIsWrong
        // 24 rollouts per step (4 groups of 6); 100 allows 4 full steps (96) and not one more group.
        let outcome = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(rolloutBudget: 100))
            .train(experienceCount: 100, reward: task.reward)
        #expect(outcome.stopReason == .rolloutBudget)
        #expect(outcome.rollouts == 96)
        #expect(outcome.curve.count == 4)

        // 110 allows 4 full steps and one more of 2 groups (12 rollouts): 108.
        let shrunk = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(rolloutBudget: 110))
            .train(experienceCount: 100, reward: task.reward)
        #expect(shrunk.stopReason == .rolloutBudget)
        #expect(shrunk.rollouts == 108)
        #expect(shrunk.curve.last?.groups == 2)

        // Less than one group: nothing runs, and the prior's argmax is the answer.
        let none = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(rolloutBudget: 5))
            .train(experienceCount: 100, reward: task.reward)
        #expect(none.stopReason == .rolloutBudget)
        #expect(none.rollouts == 0 && none.curve.isEmpty)
        #expect(none.variant == task.prior.mostProbableVariant)
    }

    @Test func tokenBudgetStops() async throws {
        let task = SyntheticTask.rankerIsWrong
        // 100 tokens per rollout, 600 per group, 2400 per step of 4 groups. A cap of 6000: one group measures first
        // (600), steps 2 and 3 run whole (5400), then 600 tokens remain, which cover 1 group; then the cap is reached.
        let outcome = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(tokenBudget: 6000))
            .train(experienceCount: 100, reward: task.reward)
        #expect(outcome.stopReason == .tokenBudget)
        #expect(outcome.tokens == 6000)
        #expect(outcome.curve.map(\.groups) == [1, 4, 4, 1])

        // A cap below one rollout's cost spends one group, not a whole step, and stops.
        let tiny = try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(tokenBudget: 1))
            .train(experienceCount: 100, reward: task.reward)
        #expect(tiny.stopReason == .tokenBudget)
        #expect(tiny.tokens == 600 && tiny.curve.map(\.groups) == [1])
    }

    /// Starts a 10,000-step run whose every reward call first runs `pause`, cancels it once `steps` steps are done,
    /// and returns what the run returned.
    static func cancelledRun(
        afterSteps steps: Int, pause: @escaping @Sendable () async throws -> Void
    ) async throws -> TrainingOutcome {
        let task = SyntheticTask.rankerIsWrong
        let done = Mutex(0)
        let run = Task {
            try await GRPOTrainer(prior: task.prior, configuration: Self.configuration(steps: 10_000))
                .train(
                    experienceCount: 100,
                    reward: { variant, experience in
                        try await pause()
                        return try await task.reward(variant, experience)
                    }
                ) { _ in done.withLock { $0 += 1 } }
        }
        while done.withLock({ $0 }) < steps { try await Task.sleep(for: .milliseconds(1)) }
        run.cancel()
        return try await run.value
    }

    @Test func cancellationStopsBetweenSteps() async throws {
        let outcome = try await Self.cancelledRun(afterSteps: 3) { try await Task.sleep(for: .microseconds(50)) }
        #expect(outcome.stopReason == .cancelled)
        #expect(outcome.curve.count >= 3 && outcome.curve.count < 10_000)
        #expect(outcome.policy.probabilities == outcome.curve.last?.probabilities)
    }

    @Test func cancellationSurfacedAsAnotherErrorStillStops() async throws {
        struct TransportClosed: Error {}
        let outcome = try await Self.cancelledRun(afterSteps: 2) {
            do { try await Task.sleep(for: .microseconds(50)) } catch { throw TransportClosed() }
        }
        #expect(outcome.stopReason == .cancelled)
        #expect(outcome.rollouts == outcome.curve.count * 24)
    }

    @Test func nonFiniteRewardIsAnError() async {
        let prior = PatchPolicy(rankerScores: [[0.5, 0.4]])
        await #expect(throws: TrainingError.nonFiniteReward) {
            _ = try await GRPOTrainer(prior: prior, configuration: Self.configuration())
                .train(
                    experienceCount: 10,
                    reward: { variant, _ in RewardSample(reward: variant[0] == 2 ? .nan : 0.5) }
                )
        }
    }

    @Test func rewardErrorsPropagate() async {
        struct Unreachable: Error {}
        let prior = PatchPolicy(rankerScores: [[0.5, 0.4]])
        await #expect(throws: Unreachable.self) {
            _ = try await GRPOTrainer(prior: prior, configuration: Self.configuration())
                .train(experienceCount: 10, reward: { _, _ in throw Unreachable() })
        }
    }

    @Test func keepsTheWindowFullAgainstASlowEndpoint() async throws {
        // A 50 ms fake endpoint: the driver must keep all 16 slots busy. Throughput itself (320 rollouts/s ideal) is
        // measured by the benchmark, not here.
        let prior = PatchPolicy(rankerScores: [[0.9, 0.8, 0.7], [0.6, 0.5], [0.9, 0.3, 0.2, 0.1]])
        let inFlight = Mutex((current: 0, peak: 0))
        let configuration = GRPOConfiguration(groupSize: 8, batchSize: 8, steps: 3, maxConcurrentRollouts: 16)
        let outcome = try await GRPOTrainer(prior: prior, configuration: configuration)
            .train(experienceCount: 64) { variant, experience in
                inFlight.withLock {
                    $0.current += 1
                    $0.peak = max($0.peak, $0.current)
                }
                try await Task.sleep(for: .milliseconds(50))
                inFlight.withLock { $0.current -= 1 }
                return RewardSample(reward: Double((variant.choices.reduce(0, +) + experience) % 3) / 2)
            }
        #expect(outcome.rollouts == 192)
        #expect(inFlight.withLock { $0.peak } == 16)
    }
}
