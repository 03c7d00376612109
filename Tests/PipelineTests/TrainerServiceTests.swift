import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Stages
import Testing
import TrainerService

/// The trainer service's answers to bad requests, unknown ids, and registry reads.
struct TrainerServiceTests {
    func withTrainer(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let workspace = try await Workspace.make(interactions: 40)
        defer { workspace.remove() }
        let jobs = TrainingJobs(trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"))
        let app = buildApplication(
            service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer),
            routes: TrainerController(jobs: jobs, registry: workspace.registry).routes, logger: Logger(label: "test"),
            services: [jobs])
        try await app.test(.router) { client in try await body(ContractCheckingClient(client)) }
    }

    static let cluster =
        #"{"cluster": {"cluster_id": "cluster_1", "size": 2, "member_ids": ["a", "b"]}, "candidates": [{"patch_id": "p1", "patch_text": "Only use the context.", "prompt_text": "x"}]}"#

    static let mistakes:
        [(method: HTTPRequest.Method, uri: String, body: String?, status: HTTPResponse.Status, phrase: String)] = [
            (
                .post, "/api/v1/train", #"{"base_prompt_id": "p_v9_9", "clusters": [\#(cluster)]}"#, .notFound,
                "no prompt version p_v9_9"
            ),
            (
                .post, "/api/v1/train", #"{"base_prompt_id": "../x", "clusters": [\#(cluster)]}"#,
                .unprocessableContent, "not a prompt id"
            ),
            (
                // The candidates are edits of one version's text, so a job names that version, not the newest.
                .post, "/api/v1/train", #"{"base_prompt_id": "latest", "clusters": [\#(cluster)]}"#,
                .unprocessableContent, "name the version the candidates were written against"
            ),
            (
                .post, "/api/v1/train", #"{"base_prompt_id": "p_v1_1", "clusters": []}"#, .unprocessableContent,
                "must not be empty"
            ),
            (
                .post, "/api/v1/train", #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "group_size": 1}"#,
                .unprocessableContent, "group_size"
            ),
            (
                .post, "/api/v1/train", #"{"base_prompt_id": "p_v1_1"}"#, .unprocessableContent,
                "field 'clusters' is required"
            ),
            (
                // A cluster copied from a clustering response that listed only its first member ids.
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [{"cluster": {"cluster_id": "cluster_1", "size": 3000, "member_ids": ["a", "b"], "member_count": 3000, "members_truncated": true}, "candidates": [{"patch_id": "p1", "patch_text": "Only use the context.", "prompt_text": "x"}]}]}"#,
                .unprocessableContent, "cluster cluster_1 lists 2 of its 3000 member ids"
            ),
            (
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "evolve": true, "evolve_mode": "llm"}"#,
                .unprocessableContent, "'evolve_mode' llm needs a language model endpoint"
            ),
            (
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "evolve": true, "evolve_mode": "poetry"}"#,
                .unprocessableContent, "template"
            ),
            (
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "evolve": true, "allocation": "successive_halving"}"#,
                .unprocessableContent, "'evolve' needs the policy allocation"
            ),
            (
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "allocation": "greedy"}"#,
                .unprocessableContent, "successive_halving"
            ),
            (
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "guardrail_successes": 5000}"#,
                .unprocessableContent, "'guardrail_successes' must be between 0 and 1000"
            ),
            (
                .post, "/api/v1/train",
                #"{"base_prompt_id": "p_v1_1", "clusters": [\#(cluster)], "held_out_answers": 0}"#,
                .unprocessableContent, "'held_out_answers' must be between 1 and 16"
            ),
            (.get, "/api/v1/train/job-missing", nil, .notFound, "no training job job-missing"),
            (.delete, "/api/v1/train/job-missing", nil, .notFound, "no training job job-missing"),
            (.get, "/api/v1/prompts/p_v7_7", nil, .notFound, "no prompt version p_v7_7"),
            (.get, "/api/v1/prompts/..%2Fetc", nil, .unprocessableContent, "not a prompt id"),
            (.get, "/api/v1/prompts/latest?family=0", nil, .unprocessableContent, "family"),
            (.get, "/api/v1/prompts/latest?family=4", nil, .notFound, "no prompt versions in family 4"),
        ]

    @Test(arguments: 0..<mistakes.count)
    func mistakesGetA4xxWithDetail(_ index: Int) async throws {
        let mistake = Self.mistakes[index]
        try await withTrainer { client in
            try await client.execute(
                uri: mistake.uri, method: mistake.method, body: mistake.body.map { ByteBuffer(string: $0) }
            ) {
                (response: TestResponse) async throws in
                #expect(response.status == mistake.status)
                let object =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let detail = try #require(object?["detail"] as? String)
                #expect(detail.contains(mistake.phrase), "\(detail)")
            }
        }
    }

    @Test func registryReadsServeTheFiles() async throws {
        try await withTrainer { client in
            try await client.execute(uri: "/api/v1/prompts", method: .get) { (response: TestResponse) async throws in
                let object =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let prompts = try #require(object?["prompts"] as? [[String: Any]])
                #expect(prompts.map { $0["prompt_id"] as? String } == ["p_v1_1"])
            }
            try await client.execute(uri: "/api/v1/prompts/p_v1_1", method: .get) {
                (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("{\n  \"prompt_id\": \"p_v1_1\""))
            }
        }
    }
}
