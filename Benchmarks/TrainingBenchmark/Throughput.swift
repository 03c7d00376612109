import ConcurrencyLimits
import Experiences
import Foundation
import LanguageModels
import PromptTraining
import Prompts
import RLTraining
import Synchronization
import TrainingScenarios
import Verification

/// How fast a whole `PromptTrainer` job drives a model whose every call takes a fixed time.
///
/// The job is the ranker-misled scenario (120 experiences: 84 to train on, 36 held out), G = 8, B = 8 unless said
/// otherwise, with at most 16 calls in flight. Each GRPO step waits for all its B·G calls before the update, so the
/// window drains once per step; a larger batch spreads that drain over more calls. Training time runs from the start of the job to the moment it reports the evaluating
/// phase (loading from the in-memory store is included); the job time also covers the held-out gate (two calls per
/// held-out experience) and the registry write.
struct Throughput {
    var label: String
    var trainingRollouts: Int
    var trainingSeconds: Double
    var jobCalls: Int
    var jobSeconds: Double

    var trainingRate: Double { Double(self.trainingRollouts) / self.trainingSeconds }
    var jobRate: Double { Double(self.jobCalls) / self.jobSeconds }

    static func measure(
        model: any LanguageModel, label: String, steps: Int, batchSize: Int = 8
    ) async throws
        -> Throughput
    {
        let scenario = Scenario.rankerMisled(scale: 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kaizen-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = PromptRegistry(directory: directory)
        _ = try registry.create(family: 1, source: "human", text: scenario.basePrompt, now: Scenario.createdAt)
        var configuration = TrainerConfiguration()
        configuration.maxConcurrentRollouts = 16
        let trainer = PromptTrainer(
            model: model, rewardModel: try Verifier(), store: InMemoryExperienceStore(scenario.experiences),
            registry: registry, configuration: configuration)
        let request = TrainingRequest(
            basePromptID: Scenario.basePromptID, clusters: scenario.clusters, seed: 1, groupSize: 8,
            batchSize: batchSize,
            steps: steps)

        let clock = ContinuousClock()
        let evaluating = Mutex<ContinuousClock.Instant?>(nil)
        let start = clock.now
        let result = try await trainer.run(
            request, jobID: "throughput",
            progress: { progress in
                if progress.phase == .evaluating {
                    evaluating.withLock { $0 = $0 ?? clock.now }
                }
            })
        let end = clock.now
        let trainingEnd = evaluating.withLock { $0 } ?? end
        return Throughput(
            label: label,
            trainingRollouts: result.training.rollouts,
            trainingSeconds: Self.seconds(trainingEnd - start),
            jobCalls: result.training.rollouts + result.evaluation.rollouts,
            jobSeconds: Self.seconds(end - start))
    }

    /// The model alone, no trainer: `calls` calls to `generate` with at most 16 in flight (a sliding window), each
    /// replaying one of the scenario's experiences under the base prompt. The most a trainer could get from it.
    static func measureModelAlone(model: any LanguageModel, label: String, calls: Int) async throws -> Throughput {
        let scenario = Scenario.rankerMisled(scale: 3)
        let experiences = scenario.experiences
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await BoundedConcurrency.map(count: calls, maxConcurrency: 16) { index in
            try await model.generate(
                GenerationRequest(
                    systemPrompt: scenario.basePrompt, experience: experiences[index % experiences.count],
                    maxTokens: 512, seed: UInt64(index)))
        }
        let elapsed = Self.seconds(clock.now - start)
        return Throughput(
            label: label, trainingRollouts: calls, trainingSeconds: elapsed, jobCalls: calls, jobSeconds: elapsed)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
