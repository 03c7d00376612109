import Experiences
import Foundation
import LanguageModels
import Logging
import PatchGeneration
import PromptTraining
import Prompts
import ServiceLifecycle
import Stages
import Testing

/// A trainer service told to stop (SIGTERM) stops its running job promptly, even on a model that never checks for
/// cancellation, records it `interrupted` (the service stopped; nobody cancelled it; it showed `cancelled` before),
/// leaves the queued one in the queue, and writes nothing.
@Suite(.timeLimit(.minutes(10)))
struct TrainingJobShutdownTests {
    /// A model that answers after blocking its thread for 20 ms and never looks at cancellation, as a simulator
    /// or a synchronous binding would.
    struct BlockingModel: LanguageModel {
        var name: String { "blocking" }

        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            usleep(20_000)
            return GenerationResponse(
                outputs: Array(repeating: "I don't know.", count: request.n), usage: TokenUsage(), model: self.name,
                simulated: true)
        }
    }

    @Test func aStoppingServiceInterruptsItsRunningJobPromptly() async throws {
        let workspace = try await Workspace.make(interactions: 60)
        defer { workspace.remove() }
        let memberIDs = await workspace.store.failures(ExperienceQuery(promptID: "p_v1_1")).map(\.id)
        let admissible = try #require(
            PatchOperation.append.apply(
                "Only use the context.", anchor: nil, to: try workspace.registry.version(named: "p_v1_1").text))
        let request = try JSONDecoder().decode(
            TrainingRequest.self,
            from: JSONEncoder().encode(
                [
                    "base_prompt_id": "p_v1_1", "steps": 1000, "group_size": 8, "batch_size": 8,
                    "clusters": [
                        [
                            "cluster": [
                                "cluster_id": "cluster_1", "size": .integer(memberIDs.count),
                                "member_ids": .array(memberIDs.map { .string($0) }),
                            ],
                            "candidates": [
                                [
                                    "patch_id": "p1", "patch_text": "Only use the context.",
                                    "targets": ["hallucination"], "prompt_text": .string(admissible),
                                ]
                            ],
                        ]
                    ],
                ] as JSONValue))
        let trainer = PromptTrainer(
            model: BlockingModel(), rewardModel: workspace.verifier, store: workspace.store,
            registry: workspace.registry)
        let logger = Logger(label: "test")
        let jobs = TrainingJobs(
            trainer: trainer, runs: workspace.runs, logger: logger,
            capacity: TrainingJobCapacity(running: 1, queued: 4))
        let group = ServiceGroup(services: [jobs], logger: logger)
        let running = Task { try await group.run() }
        let job = try await jobs.start(request)
        var other = request
        other.seed = 2
        let queued = try await jobs.start(other)
        for _ in 0..<3000 {
            if let progress = try await jobs.job(job.jobID)?.progress, progress.step >= 1 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await jobs.job(job.jobID)?.state == .running)

        let clock = ContinuousClock()
        let stopping = clock.now
        await group.triggerGracefulShutdown()
        try await running.value
        let took = clock.now - stopping
        // Generous for a loaded machine; without the fix the job still stopped quickly but ended `cancelled`.
        #expect(took < .seconds(60), "the service took \(took) to stop")
        let stored = try #require(try await TrainingJobRecorder(runs: workspace.runs).job(job.jobID))
        #expect(stored.state == .interrupted, "\(stored.state): \(stored.error ?? "")")
        #expect(stored.error?.contains("the trainer service stopped before the job finished") == true)
        let waiting = try #require(try await TrainingJobRecorder(runs: workspace.runs).job(queued.jobID))
        #expect(waiting.state == .queued, "the queued job stays in the queue for any instance: \(waiting.state)")
        #expect(try workspace.registry.ids().map(\.description) == ["p_v1_1"], "nothing was written")
    }
}
