import Experiences
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import LanguageModels
import Logging
import OpenAPITesting
import PatchGeneration
import PromptTraining
import Prompts
import Stages
import Testing
import TrainerService

/// A trainer service runs at most ``TrainingJobCapacity/running`` jobs at once, holds at most
/// ``TrainingJobCapacity/queued`` more, and refuses the next with 503 and `Retry-After` (50 jobs submitted at once
/// all ran at once before); the work one job may plan is bounded too.
@Suite(.timeLimit(.minutes(10)))
struct TrainingJobCapacityTests {
    /// A model that never answers until its task is cancelled, so a job that reaches it stays `running`.
    struct HangingModel: LanguageModel {
        var name: String { "hanging" }

        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            try await Task.sleep(for: .seconds(600))
            throw CancellationError()
        }
    }

    static func state(_ client: some TestClientProtocol, _ id: String) async throws -> String? {
        try await client.execute(uri: "/api/v1/train/\(id)", method: .get) { (response: TestResponse) in
            try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))["state"]?.stringValue
        }
    }

    @Test func jobsBeyondTheCapacityAreRefusedWithRetryAfter() async throws {
        let workspace = try await Workspace.make(interactions: 60)
        defer { workspace.remove() }
        let memberIDs = await workspace.store.failures(ExperienceQuery(promptID: "p_v1_1")).map(\.id)
        try #require(memberIDs.count >= 4)
        let trainer = PromptTrainer(
            model: HangingModel(), rewardModel: workspace.verifier, store: workspace.store,
            registry: workspace.registry)
        let jobs = TrainingJobs(
            trainer: trainer, runs: workspace.runs, logger: Logger(label: "test"),
            capacity: TrainingJobCapacity(running: 1, queued: 1))
        let app = buildApplication(
            service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer),
            routes: TrainerController(jobs: jobs, registry: workspace.registry).routes, logger: Logger(label: "test"),
            services: [jobs])
        // An admissible candidate: the base prompt with its patch appended.
        let admissible = try #require(
            PatchOperation.append.apply(
                "Only use the context.", anchor: nil, to: try workspace.registry.version(named: "p_v1_1").text))
        // Identical submissions map to one job, so each submission asks for another seed.
        func body(seed: Int) throws -> Data {
            let body: JSONValue = [
                "base_prompt_id": "p_v1_1", "steps": 2, "seed": .integer(seed),
                "clusters": [
                    [
                        "cluster": [
                            "cluster_id": "cluster_1", "size": .integer(memberIDs.count),
                            "member_ids": .array(memberIDs.map { .string($0) }),
                        ],
                        "candidates": [
                            [
                                "patch_id": "p1", "patch_text": "Only use the context.", "targets": ["hallucination"],
                                "prompt_text": .string(admissible),
                            ]
                        ],
                    ]
                ],
            ]
            return try JSONEncoder().encode(body)
        }
        let bodies = try (1...4).map(body(seed:))
        try await app.test(.router) { client in
            let client = ContractCheckingClient(client)
            func submit(_ number: Int) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/train", method: .post, body: ByteBuffer(bytes: bodies[number - 1])
                ) { $0 }
            }
            func jobID(_ response: TestResponse) throws -> String {
                try #require(
                    try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))["job_id"]?
                        .stringValue)
            }
            let first = try await submit(1)
            #expect(first.status == .accepted)
            let firstID = try jobID(first)
            for _ in 0..<200 where try await Self.state(client, firstID) != "running" {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await Self.state(client, firstID) == "running")

            let second = try await submit(2)
            #expect(second.status == .accepted)
            let secondID = try jobID(second)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await Self.state(client, secondID) == "queued", "one job runs at a time; the second waits")

            let third = try await submit(3)
            #expect(third.status == .serviceUnavailable)
            #expect(third.headers[.retryAfter] == String(TrainingJobCapacity.retryAfterSeconds))
            let detail = try JSONDecoder().decode(ErrorBody.self, from: Data(third.body.readableBytesView)).detail
            #expect(detail.contains("2 training jobs running or queued"), "\(detail)")

            try await client.execute(uri: "/api/v1/train/\(secondID)", method: .delete) {
                #expect($0.status == .accepted)
            }
            #expect(try await submit(4).status == .accepted, "a cancelled job frees its place")
        }
    }

    @Test func aJobPlanningTooMuchWorkIsRefused() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let admissible = try #require(
            PatchOperation.append.apply(
                "Only use the context.", anchor: nil, to: try workspace.registry.version(named: "p_v1_1").text))
        func refusal(_ settings: String) -> String? {
            let candidate: JSONValue = [
                "patch_id": "p1", "patch_text": "Only use the context.", "targets": ["hallucination"],
                "prompt_text": .string(admissible),
            ]
            let body =
                #"{"base_prompt_id": "p_v1_1", "clusters": [{"cluster": {"cluster_id": "c", "size": 2, "member_ids": ["a", "b"]}, "candidates": [\#(candidate.rendered())]}], \#(settings)}"#
            do {
                _ = try workspace.trainer().validate(
                    try JSONDecoder().decode(TrainingRequest.self, from: Data(body.utf8)))
                return nil
            } catch {
                return "\(error)"
            }
        }
        // The issue's repro: about 14 hours of CPU, accepted before.
        let repro = refusal(#""steps": 10000, "group_size": 64, "batch_size": 256"#)
        #expect(repro?.contains("'steps' must be between 1 and 2000") == true, "\(repro ?? "accepted")")
        let most = refusal(#""steps": 2000, "group_size": 64, "batch_size": 256"#)
        #expect(
            most?.contains("plans 32768000 training rollouts, above the limit of 200000 per job") == true,
            "\(most ?? "accepted")")
        #expect(refusal(#""steps": 2000, "group_size": 64, "batch_size": 256, "budget": {"rollouts": 1000}"#) == nil)
        #expect(refusal(#""steps": 390, "group_size": 8, "batch_size": 64"#) == nil)
        #expect(refusal(#""steps": 391, "group_size": 8, "batch_size": 64"#) != nil)
    }
}
