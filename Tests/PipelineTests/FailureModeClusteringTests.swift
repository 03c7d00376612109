import DemoWorld
import Experiences
import FailureClustering
import LanguageModels
import Testing
import Verification

/// On the default demo's first round, clusters follow what went wrong (the simulator's own outcome for each output),
/// not what the responses talk about, with every label and annotation removed first (issue 13).
struct FailureModeClusteringTests {
    /// Round 1 of `kaizen demo` (world seed 0, 240 interactions under the initial prompt, the default simulator):
    /// its failures without `failure_type` or metadata beyond the question's, and the simulator's outcome of each.
    static func firstRoundFailures() async throws -> (failures: [Experience], outcomes: [String]) {
        let world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 0))
        let logged = try await world.logExperiences(
            prompt: (id: "p_v1_1", text: world.initialPrompt), round: 1, count: 240, model: Simulator(),
            verifier: try Verifier(), seed: 0)
        let failures = logged.filter { $0.isFailure() }
        let outcomes = failures.map { $0.metadata["behaviour"]?.stringValue ?? "missing" }
        let unlabelled = failures.map { failure -> Experience in
            var failure = failure
            failure.failureType = nil
            for key in ["failure_modes", "hallucination", "behaviour", "simulated"] { failure.metadata[key] = nil }
            return failure
        }
        return (unlabelled, outcomes)
    }

    /// The adjusted Rand index of the clustering (as the pipeline runs it: k by silhouette over 2...6, seed 1)
    /// against the simulator's outcomes.
    static func agreement(_ encoding: ClusterEncoding, failures: [Experience], outcomes: [String]) throws -> Double {
        let result = try FailureClusterer(
            configuration: .init(encoding: encoding, clusterCountRange: 2...6, seed: 1)
        ).cluster(failures)
        var clusterOf: [String: String] = [:]
        for cluster in result.clusters {
            for id in cluster.memberIDs { clusterOf[id] = cluster.clusterID }
        }
        return ClusteringMetrics.adjustedRandIndex(outcomes, failures.map { clusterOf[$0.id] ?? "none" })
    }

    @Test func defaultEncodingRecoversTheSimulatorsOutcomesWithoutLabels() async throws {
        let (failures, outcomes) = try await Self.firstRoundFailures()
        #expect(failures.count >= 40)
        #expect(!outcomes.contains("missing"), "the demo logs the simulator's outcome as metadata 'behaviour'")
        #expect(Set(outcomes).count >= 3)
        #expect(FailureClusterer.Configuration().encoding == .failureMode)
        let modes = try Self.agreement(.failureMode, failures: failures, outcomes: outcomes)
        let topics = try Self.agreement(.topic, failures: failures, outcomes: outcomes)
        #expect(modes >= 0.8, "failure_mode ARI \(modes)")
        #expect(topics < 0.5, "topic ARI \(topics): the round's clusters followed subjects before issue 13")
    }
}
