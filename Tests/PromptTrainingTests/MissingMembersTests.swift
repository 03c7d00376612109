import Foundation
import PatchGeneration
import PromptTraining
import Testing
import TrainingScenarios

/// A cluster's member ids that the store does not hold (deleted since the clustering, or an inline cluster's ids
/// from another store) are left out of training, and the result says how many, instead of training on fewer
/// failures in silence.
struct MissingMembersTests {
    @Test func membersTheStoreLacksAreCountedInTheMessage() async throws {
        let scenario = GateGuardrailTests.refusalTrade()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            trainer.configuration.guardrailTolerance = 1
            var request = scenario.request(seed: 2, steps: 2, rolloutBudget: 128)
            let listed = Set(request.clusters.flatMap(\.cluster.memberIDs)).count
            request.clusters[0].cluster.memberIDs += ["gone-1", "gone-2", "gone-3"]
            let result = try await trainer.run(request, jobID: "job-missing")
            #expect(
                result.message.hasSuffix(
                    "(3 of the clusters' \(listed + 3) member experiences are not in the store, so they were left out)"),
                "\(result.message)")

            let complete = try await trainer.run(
                scenario.request(seed: 2, steps: 2, rolloutBudget: 128), jobID: "job-complete")
            #expect(!complete.message.contains("not in the store"), "\(complete.message)")
        }
    }
}
