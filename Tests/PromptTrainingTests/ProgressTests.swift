import Foundation
import PromptTraining
import Synchronization
import Testing
import TrainingScenarios

/// The progress a job reports while it runs (what `GET /api/v1/train/{id}` and the CLI's bar show).
///
/// Budget: G = 8, B = 8, 4 steps (256 training rollouts).
struct ProgressTests {
    @Test func progressCountsStepsFromOneToTheLast() async throws {
        let scenario = Scenario.rankerMisled
        let reports = Mutex<[TrainingProgress]>([])
        let result = try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory)
            return try await trainer.run(
                scenario.request(seed: 2, steps: 4, rolloutBudget: 640), jobID: "job-progress",
                progress: { report in reports.withLock { $0.append(report) } })
        }
        let all = reports.withLock { $0 }
        #expect(all.first?.phase == .loading)
        // Once the data is loaded, the plan: 4 steps of 8 groups of 8, plus both prompts on every held-out one.
        let planned = try #require(all.first { $0.plannedRollouts != nil }?.plannedRollouts)
        #expect(planned == 256 + 2 * result.evaluation.experiences)
        #expect(all.allSatisfy { $0.phase == .loading || $0.plannedRollouts == planned })
        let training = all.filter { $0.phase == .training }
        #expect(training.map(\.step) == [1, 2, 3, 4])
        #expect(training.allSatisfy { $0.steps == 4 })
        #expect(training.map(\.rollouts) == [64, 128, 192, 256])
        #expect(training.map(\.curve.count) == [1, 2, 3, 4])
        #expect(all.contains { $0.phase == .evaluating })
        #expect(all.allSatisfy { $0.step <= $0.steps })
        #expect(result.training.rollouts == 256)
        #expect(result.training.curve.count == 4)
    }
}
