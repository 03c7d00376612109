import ClusteringService
import FailureClustering
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import PatchServices
import Stages
import Testing

/// The patch generator (8012) and ranker (8013) over HTTP: the happy path by reference, and each caller mistake.
struct PatchServiceTests {
    func withServices(
        _ body:
            @Sendable (_ generator: any TestClientProtocol, _ ranker: any TestClientProtocol, _ clusteringID: String)
            async throws -> Void
    ) async throws {
        let workspace = try await Workspace.make(interactions: 120)
        defer { workspace.remove() }
        let run = try await workspace.clustering.cluster(
            ClusterRequest(
                promptID: "p_v1_1", configuration: .init(clusterCount: 3, seed: 1)))
        let stages = try workspace.patchStages()
        let logger = Logger(label: "test")
        let generator = buildApplication(
            service: .patchGenerator, configuration: ServiceConfiguration(service: .patchGenerator),
            routes: PatchGeneratorController(stages: stages).routes, logger: logger)
        let ranker = buildApplication(
            service: .ranker, configuration: ServiceConfiguration(service: .ranker),
            routes: RankerController(stages: stages).routes, logger: logger)
        try await generator.test(.router) { generatorClient in
            try await ranker.test(.router) { rankerClient in
                try await body(
                    ContractCheckingClient(generatorClient), ContractCheckingClient(rankerClient), run.clusteringID)
            }
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func generateByReferenceThenRank() async throws {
        try await withServices { generator, ranker, clusteringID in
            let request =
                #"{"prompt_id": "p_v1_1", "clustering_id": "\#(clusteringID)", "cluster_id": "cluster_1", "count": 4, "seed": 2}"#
            let generated = try await generator.execute(
                uri: "/api/v1/generate-patches", method: .post, body: ByteBuffer(string: request)
            ) { (response: TestResponse) async throws -> [String: Any] in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            let candidates = try #require(generated["candidates"] as? [[String: Any]])
            #expect(candidates.count == 4)
            #expect(Set(candidates.compactMap { $0["patch_id"] as? String }).count == 4)
            for candidate in candidates {
                for key in ["patch_id", "strategy", "operation", "patch_text", "prompt_text", "targets", "explanation"]
                {
                    #expect(candidate[key] != nil, "candidate lacks \(key)")
                }
            }
            let rankBody = try JSONSerialization.data(withJSONObject: [
                "prompt_id": "p_v1_1", "cluster": ["cluster_id": "cluster_1", "size": 10, "severity": 0.2],
                "candidates": candidates,
            ])
            try await ranker.execute(uri: "/api/v1/rank", method: .post, body: ByteBuffer(bytes: rankBody)) {
                (response: TestResponse) async throws in
                #expect(response.status == .ok)
                let object = try Self.json(response)
                let ranked = try #require(object["ranked"] as? [[String: Any]])
                #expect(ranked.map { $0["rank"] as? Int } == Array(1...ranked.count).map { Optional($0) })
                #expect(object["selected"] as? String == ranked.first?["patch_id"] as? String)
                let criteria = try #require(ranked.first?["criteria"] as? [String: Double])
                #expect(
                    Set(criteria.keys) == ["hallucination_reduction", "clarity", "length_safety", "cluster_severity"])
            }
        }
    }

    static let generatorMistakes: [(body: String, status: HTTPResponse.Status, phrase: String)] = [
        (
            #"{"prompt_id": "p_v9_9", "cluster": {"cluster_id": "c", "size": 2, "member_ids": ["a"]}}"#, .notFound,
            "no prompt version p_v9_9"
        ),
        (
            #"{"prompt_id": "p_v1_1", "clustering_id": "clu-none", "cluster_id": "cluster_1"}"#, .notFound,
            "no clustering clu-none"
        ),
        (#"{"prompt_id": "p_v1_1"}"#, .unprocessableContent, "give 'cluster' inline"),
        (#"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c", "size": 0}}"#, .unprocessableContent, "empty"),
        (
            #"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c", "size": 2, "member_ids": ["a"]}, "count": 9}"#,
            .unprocessableContent, "count"
        ),
        (
            #"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c", "size": 2, "member_ids": ["a"]}, "mode": "magic"}"#,
            .unprocessableContent, "mode"
        ),
        (#"{"prompt_text": "SYSTEM: x", "cluster": {"size": 2}}"#, .unprocessableContent, "cluster_id"),
        // Without a size the cluster is as large as what it lists: this one lists nothing, so it is empty.
        (#"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c"}}"#, .unprocessableContent, "is empty"),
        // An inline cluster holds at most what a clustering makes, with the figures a clustering reports.
        (
            #"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c", "size": 51, "representatives": ["#
                + (0..<51).map { #"{"id": "r\#($0)", "input": "q", "response": "a"}"# }.joined(separator: ",") + "]}}",
            .unprocessableContent, "cluster.representatives holds 51 items; a clustering gives at most 50"
        ),
        (
            #"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c", "size": 2, "member_ids": ["a"], "share": -5}}"#,
            .unprocessableContent, "cluster.share must be between 0 and 1"
        ),
        (
            #"{"prompt_text": "SYSTEM: x", "cluster": {"cluster_id": "c", "size": 2, "member_ids": ["a"], "severity": 1e308}}"#,
            .unprocessableContent, "cluster.severity must be between 0 and 1"
        ),
    ]

    @Test(arguments: 0..<generatorMistakes.count)
    func generatorMistakesGetA4xx(_ index: Int) async throws {
        let mistake = Self.generatorMistakes[index]
        try await withServices { generator, _, _ in
            try await generator.execute(
                uri: "/api/v1/generate-patches", method: .post, body: ByteBuffer(string: mistake.body)
            ) {
                (response: TestResponse) async throws in
                #expect(response.status == mistake.status)
                let detail = try #require(try Self.json(response)["detail"] as? String)
                #expect(detail.contains(mistake.phrase), "\(detail)")
            }
        }
    }

    static let rankerMistakes: [(body: String, status: HTTPResponse.Status, phrase: String)] = [
        (
            #"{"prompt_id": "p_v1_1", "cluster": {"cluster_id": "c", "size": 2}, "candidates": []}"#,
            .unprocessableContent, "candidate"
        ),
        (
            #"{"prompt_id": "p_v1_1", "cluster": {"cluster_id": "c", "size": 2}, "candidates": [{"patch_id": "a", "patch_text": "Be concise.", "prompt_text": "x"}], "weights": {"clarity": -1}}"#,
            .unprocessableContent, "weight"
        ),
        (
            #"{"prompt_id": "p_v4_4", "cluster": {"cluster_id": "c", "size": 2}, "candidates": [{"patch_id": "a", "patch_text": "Be concise.", "prompt_text": "x"}]}"#,
            .notFound, "no prompt version p_v4_4"
        ),
        (#"{"prompt_id": "p_v1_1", "candidates": []}"#, .unprocessableContent, "give 'cluster' inline"),
    ]

    @Test(arguments: 0..<rankerMistakes.count)
    func rankerMistakesGetA4xx(_ index: Int) async throws {
        let mistake = Self.rankerMistakes[index]
        try await withServices { _, ranker, _ in
            try await ranker.execute(uri: "/api/v1/rank", method: .post, body: ByteBuffer(string: mistake.body)) {
                (response: TestResponse) async throws in
                #expect(response.status == mistake.status)
                let detail = try #require(try Self.json(response)["detail"] as? String)
                #expect(detail.lowercased().contains(mistake.phrase), "\(detail)")
            }
        }
    }
}
