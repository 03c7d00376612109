import Experiences
import FakeModelServer
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAIClient
import OpenAPITesting
import PatchGeneration
import PromptTraining
import Prompts
import Stages
import Testing
import TrainerService

/// A training job over HTTP whose OpenAI-compatible model answers its first calls, then hangs, rate-limits, fails or
/// answers garbage for good: each call is retried within the client's budget, the job then fails with the model's
/// reason, and the registry is left as it was.
@Suite(.timeLimit(.minutes(10)))
struct TrainingJobModelFaultTests {
    /// What the model does once its first ``answered`` calls are done, and a phrase of the job's error for it.
    struct Fault: CustomTestStringConvertible, Sendable {
        let name: String
        let behaviour: FakeOpenAIServer.Behaviour
        let phrase: String

        var testDescription: String { self.name }
    }

    static let faults = [
        Fault(name: "hanging", behaviour: .complete(delay: .seconds(20)), phrase: "no complete answer within"),
        Fault(
            name: "rate-limiting",
            behaviour: .status(
                429, body: #"{"error":{"message":"Rate limit reached"}}"#, headers: ["Retry-After": "1"]),
            phrase: "Rate limit reached"),
        Fault(
            name: "failing", behaviour: .status(500, body: #"{"error":{"message":"CUDA out of memory"}}"#),
            phrase: "CUDA out of memory"),
        Fault(name: "garbage", behaviour: .raw("<html><body>502 Bad Gateway</body></html>"), phrase: "not valid JSON"),
    ]

    /// Calls the model answers before it goes wrong: a few training steps' worth.
    static let answered = 12
    /// Retries per call, and failures in a row that end the job.
    static let retries = 1
    static let failuresInARow = 6
    static let concurrency = 4

    @Test(arguments: faults)
    func aModelGoingWrongMidJobFailsItWithTheReasonAndWritesNothing(_ fault: Fault) async throws {
        let workspace = try await Workspace.make(interactions: 60)
        defer { workspace.remove() }
        let memberIDs = await workspace.store.failures(ExperienceQuery(promptID: "p_v1_1")).map(\.id)
        try #require(memberIDs.count >= 8)
        let patched = try #require(
            PatchOperation.append.apply(
                "Only use the context.", anchor: nil, to: try workspace.registry.version(named: "p_v1_1").text))
        let body: JSONValue = [
            "base_prompt_id": "p_v1_1", "steps": 20, "group_size": 4, "batch_size": 4,
            "clusters": [
                [
                    "cluster": [
                        "cluster_id": "cluster_1", "size": .integer(memberIDs.count),
                        "member_ids": .array(memberIDs.map { .string($0) }),
                    ],
                    "candidates": [
                        [
                            "patch_id": "p1", "patch_text": "Only use the context.", "targets": ["hallucination"],
                            "prompt_text": .string(patched),
                        ]
                    ],
                ]
            ],
        ]
        let server = FakeOpenAIServer(
            Array(repeating: .complete(), count: Self.answered), fallback: fault.behaviour)
        let job = try await server.run { baseURL in
            let client = OpenAIClient(
                configuration: OpenAIClientConfiguration(
                    // Long enough for an answer from a fake server on a machine busy with the whole suite.
                    baseURL: baseURL, model: "fake-model", requestTimeout: .seconds(3),
                    timeoutPerToken: .zero, maxConcurrentRequests: Self.concurrency, maxRetries: Self.retries,
                    initialBackoff: .milliseconds(20), maxRetryAfter: .milliseconds(100)),
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            var trainer = PromptTrainer(
                model: client, rewardModel: workspace.verifier, store: workspace.store, registry: workspace.registry)
            trainer.configuration.maxConcurrentRollouts = Self.concurrency
            trainer.configuration.failuresInARowLimit = Self.failuresInARow
            let jobs = TrainingJobs(trainer: trainer, runs: workspace.runs, logger: Logger(label: "test"))
            let app = buildApplication(
                service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer),
                routes: TrainerController(jobs: jobs, registry: workspace.registry).routes,
                logger: Logger(label: "test"), services: [jobs])
            return try await app.test(.router) { client in
                let client = ContractCheckingClient(client)
                let id = try await client.execute(
                    uri: "/api/v1/train", method: .post, body: ByteBuffer(bytes: try JSONEncoder().encode(body))
                ) { response in
                    #expect(response.status == .accepted)
                    return try #require(
                        try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))[
                            "job_id"]?.stringValue)
                }
                for _ in 0..<600 {
                    let job = try await client.execute(uri: "/api/v1/train/\(id)", method: .get) { response in
                        try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
                    }
                    if !["queued", "running"].contains(job["state"]?.stringValue) { return job }
                    try await Task.sleep(for: .milliseconds(100))
                }
                Issue.record("the job did not end within a minute")
                return JSONValue.null
            }
        }
        #expect(job["state"]?.stringValue == "failed", "\(job)")
        let error = try #require(job["error"]?.stringValue, "\(job)")
        #expect(error.contains(fault.phrase), "\(error)")
        #expect(error.contains("\(Self.failuresInARow) generations in a row"), "\(error)")
        #expect(error.contains("gave up after \(Self.retries + 1) attempts"), "\(error)")
        #expect(error.contains("nothing written"), "\(error)")
        #expect(job["result"] == nil || job["result"] == .null, "\(job)")

        // Every failed generation was retried, and the job stopped once it had seen its limit of them in a row (plus
        // the calls already in flight), instead of waiting out the rest of training and the held-out gate.
        let calls = await server.calls
        let attempts = Self.retries + 1
        #expect(calls >= Self.answered + Self.failuresInARow * attempts, "\(calls) calls")
        #expect(calls <= Self.answered + (Self.failuresInARow + Self.concurrency) * attempts, "\(calls) calls")

        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.registry.directory.path)
        #expect(files == ["p_v1_1.json"], "\(files)")
    }
}
