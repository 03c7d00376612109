import ClusteringService
import Experiences
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import PatchServices
import Pipeline
import PromptTraining
import Prompts
import ServiceLifecycle
import Stages
import Testing
import TrainerService

struct PipelineTests {
    static func app(
        _ kind: ServiceKind, _ routes: ServiceRoutes, services: [any Service] = []
    ) -> some ApplicationProtocol {
        buildApplication(
            service: kind, configuration: ServiceConfiguration(service: kind, port: 0), routes: routes,
            logger: Logger(label: "e2e"), services: services)
    }

    @Test func inProcessRunWritesAVersionWithFullProvenance() async throws {
        let workspace = try await Workspace.make()
        defer { workspace.remove() }
        let run = try await PipelineRunner(backend: try workspace.localBackend(), configuration: testConfiguration)
            .run(basePromptID: "p_v1_1")
        let written = try #require(run.writtenPromptID, "\(run.summary)")
        #expect(written == "p_v1_2")
        let data = try Data(contentsOf: workspace.registry.directory.appendingPathComponent("p_v1_2.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["prompt_id", "version", "source", "text", "metadata"])
        #expect(object["prompt_id"] as? String == "p_v1_2")
        #expect(object["version"] as? Int == 2)
        #expect(object["source"] as? String == "rl_trainer")
        let metadata = try #require(object["metadata"] as? [String: Any])
        for key in [
            "created_at", "reward_gain", "cluster_id", "parent_id", "patch_ids", "baseline_reward", "reward",
            "reward_gain_ci95", "hallucination_rate", "rollouts", "tokens", "seed", "model", "verifier", "job_id",
        ] {
            #expect(metadata[key] != nil, "metadata lacks \(key)")
        }
        #expect(metadata["parent_id"] as? String == "p_v1_1")
        #expect(metadata["model"] as? String == "kaizen-simulator")
        let interval = try #require(metadata["reward_gain_ci95"] as? [Double])
        #expect(interval.count == 2 && interval[0] > 0 && interval[0] <= interval[1])
        let rates = try #require(metadata["hallucination_rate"] as? [String: Double])
        #expect(rates["before"] != nil && rates["after"] != nil)
        #expect(
            (object["text"] as? String)?.hasPrefix(try workspace.registry.version(named: "p_v1_1").text.prefix(20))
                == true)
    }

    @Test func theSameSeedWritesTheSameFile() async throws {
        var files: [String] = []
        for _ in 0..<2 {
            let workspace = try await Workspace.make()
            defer { workspace.remove() }
            let run = try await PipelineRunner(backend: try workspace.localBackend(), configuration: testConfiguration)
                .run(basePromptID: "p_v1_1")
            let written = try #require(run.writtenPromptID, "\(run.summary)")
            files.append(try workspace.fileWithoutTimestamp(written))
        }
        #expect(files[0] == files[1])
    }

    @Test func minGainReachesTheGate() async throws {
        let workspace = try await Workspace.make()
        defer { workspace.remove() }
        var configuration = testConfiguration
        configuration.minGain = 0.9
        let run = try await PipelineRunner(backend: try workspace.localBackend(), configuration: configuration)
            .run(basePromptID: "p_v1_1")
        #expect(run.writtenPromptID == nil)
        #expect(run.summary.contains("whose low end is not above min_gain 0.9000"), "\(run.summary)")
    }

    @Test func aRunWithNothingToFixWritesNothingAndSaysSo() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        _ = await workspace.store.insert(
            (0..<6).map {
                Experience(id: "ok-\($0)", promptID: "p_v1_1", input: "q\($0)", response: "fine", success: true)
            })
        let run = try await PipelineRunner(backend: try workspace.localBackend(), configuration: testConfiguration)
            .run(basePromptID: "p_v1_1")
        #expect(run.writtenPromptID == nil)
        #expect(run.summary.hasPrefix("nothing to fix"), "\(run.summary)")
        #expect(run.summary.contains("nothing written"))
        #expect(try workspace.registry.ids().map(\.description) == ["p_v1_1"])
    }

    @Test func theFourServicesGiveTheSameFileAsOneProcess() async throws {
        let local = try await Workspace.make()
        defer { local.remove() }
        let localRun = try await PipelineRunner(backend: try local.localBackend(), configuration: testConfiguration)
            .run(basePromptID: "p_v1_1")
        let localFile = try local.fileWithoutTimestamp(try #require(localRun.writtenPromptID))

        let remote = try await Workspace.make()
        defer { remote.remove() }
        let logger = Logger(label: "e2e")
        let stages = try remote.patchStages()
        let jobs = TrainingJobs(
            trainer: remote.trainer(), runs: remote.runs, logger: logger, now: { Workspace.fixedNow })
        let remoteFile = try await Self.app(.failureClustering, ClusteringController(stage: remote.clustering).routes)
            .test(.live) { clustering in
                try await Self.app(.patchGenerator, PatchGeneratorController(stages: stages).routes).test(.live) {
                    generator in
                    try await Self.app(.ranker, RankerController(stages: stages).routes).test(.live) { ranker in
                        try await Self.app(
                            .rlTrainer, TrainerController(jobs: jobs, registry: remote.registry).routes,
                            services: [jobs]
                        )
                        .test(.live) { trainer in
                            let backend = RemoteBackend(
                                urls: .init(
                                    clustering: "http://127.0.0.1:\(clustering.port!)",
                                    patchGenerator: "http://127.0.0.1:\(generator.port!)",
                                    ranker: "http://127.0.0.1:\(ranker.port!)",
                                    trainer: "http://127.0.0.1:\(trainer.port!)"),
                                pollInterval: .milliseconds(20))
                            let run = try await PipelineRunner(backend: backend, configuration: testConfiguration)
                                .run(basePromptID: "p_v1_1")
                            let written = try #require(run.writtenPromptID, "\(run.summary)")
                            // The caller did not choose the model: the services' answer says it was the simulator,
                            // so a --remote report cannot call its figures a real model's.
                            let answeredBy = try #require(run.job?.result?.answeredBy)
                            #expect(answeredBy.simulated && answeredBy.models == ["kaizen-simulator"], "\(answeredBy)")
                            // A completed job still shows its plan beside what it spent.
                            let progress = try #require(run.job?.progress)
                            #expect(progress.phase == .done && (progress.plannedRollouts ?? 0) > 0, "\(progress)")
                            #expect(progress.guardrailRollouts != nil, "\(progress)")
                            try await trainer.execute(uri: "/api/v1/prompts/latest?family=1", method: .get) {
                                response in
                                #expect(response.status == .ok)
                                #expect(String(buffer: response.body).contains("\"prompt_id\": \"\(written)\""))
                            }
                            return try remote.fileWithoutTimestamp(written)
                        }
                    }
                }
            }
        #expect(remoteFile == localFile)
    }
}
