import ClusteringService
import FailureClustering
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import PatchGeneration
import PatchServices
import PromptTraining
import Stages
import Testing
import TrainerService

/// Wherever a cluster is input (the generator, the ranker, the trainer), it is `cluster` inline or `clustering_id` +
/// `cluster_id` naming a stored run.
struct ClusterReferenceTests {
    @Test func theRankerTakesAClusterByReferenceAsTheGeneratorDoes() async throws {
        try await RankerTestService.with { ranker, stages, clusteringID in
            let generated = try await stages.generate(
                GeneratePatchesRequest(
                    generation: .init(promptID: "p_v1_1", clusterID: "cluster_1", count: 3, seed: 2),
                    clusteringID: clusteringID))
            let candidates = try JSONSerialization.jsonObject(with: JSONEncoder().encode(generated.candidates))
            let inline = try JSONSerialization.jsonObject(
                with: JSONEncoder().encode(
                    try await stages.inputs.cluster(
                        inline: nil, clusteringID: clusteringID, clusterID: "cluster_1")))
            var answers: [[String: Any]] = []
            for cluster in [
                ["clustering_id": clusteringID, "cluster_id": "cluster_1"] as [String: Any], ["cluster": inline],
            ] {
                let body = try JSONSerialization.data(
                    withJSONObject: cluster.merging(["prompt_id": "p_v1_1", "candidates": candidates]) { $1 })
                answers.append(
                    try await ranker.execute(uri: "/api/v1/rank", method: .post, body: ByteBuffer(bytes: body)) {
                        (response: TestResponse) async throws -> [String: Any] in
                        #expect(response.status == .ok, "\(String(buffer: response.body))")
                        return try RankerTestService.json(response)
                    })
            }
            #expect(answers.count == 2)
            #expect(answers.first?["selected"] as? String != nil)
            #expect(answers.first?["selected"] as? String == answers.last?["selected"] as? String)
            #expect((answers.first?["ranked"] as? [Any])?.count == 3)
        }
    }

    static let referenceMistakes: [(body: String, status: HTTPResponse.Status, phrase: String)] = [
        (
            #"{"prompt_id": "p_v1_1", "clustering_id": "clu-none", "cluster_id": "cluster_1", "candidates": []}"#,
            .notFound, "no clustering clu-none"
        ),
        (
            #"{"prompt_id": "p_v1_1", "candidates": []}"#, .unprocessableContent,
            "give 'cluster' inline, or 'clustering_id' and 'cluster_id'"
        ),
    ]

    @Test(arguments: 0..<referenceMistakes.count)
    func aClusterReferenceThatDoesNotResolveIsA4xx(_ index: Int) async throws {
        let mistake = Self.referenceMistakes[index]
        try await RankerTestService.with { ranker, _, _ in
            try await ranker.execute(uri: "/api/v1/rank", method: .post, body: ByteBuffer(string: mistake.body)) {
                (response: TestResponse) async throws in
                #expect(response.status == mistake.status)
                let detail = try #require(try RankerTestService.json(response)["detail"] as? String)
                #expect(detail.contains(mistake.phrase), "\(detail)")
            }
        }
    }

    @Test func theRankersOpenAPIDocumentAllowsAReference() async throws {
        try await RankerTestService.with { ranker, _, _ in
            try await ranker.execute(uri: "/openapi.json", method: .get) { (response: TestResponse) async throws in
                let document = try RankerTestService.json(response)
                let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
                let request = try #require(schemas["RankRequest"] as? [String: Any])
                #expect(request["required"] as? [String] == ["candidates"])
                let properties = try #require(request["properties"] as? [String: Any])
                #expect(
                    properties["clustering_id"] != nil && properties["cluster_id"] != nil
                        && properties["cluster"] != nil)
            }
        }
    }

    /// The trainer given a cluster by reference: resolved from the stored run when the service can read runs, a 404
    /// for an unknown run, and a 422 asking for the cluster inline when it cannot.
    @Test func theTrainerTakesAClusterByReference() async throws {
        let workspace = try await Workspace.make(interactions: 120)
        defer { workspace.remove() }
        let clustering = try await workspace.clustering.cluster(
            ClusterRequest(
                promptID: "p_v1_1", configuration: .init(clusterCount: 3, seed: 1)))
        let stages = try workspace.patchStages()
        let generated = try await stages.generate(
            GeneratePatchesRequest(
                generation: .init(promptID: "p_v1_1", clusterID: "cluster_1", count: 3, seed: 2),
                clusteringID: clustering.clusteringID))
        let candidates = try JSONEncoder().encode(generated.candidates)
        @Sendable func body(_ clusteringID: String) throws -> ByteBuffer {
            let candidates = try JSONSerialization.jsonObject(with: candidates)
            return ByteBuffer(
                bytes: try JSONSerialization.data(withJSONObject: [
                    "base_prompt_id": "p_v1_1", "steps": 2, "group_size": 2, "wait": true,
                    "clusters": [["clustering_id": clusteringID, "cluster_id": "cluster_1", "candidates": candidates]],
                ]))
        }
        let lookUp: TrainerController.ClusterLookup = { clusteringID, clusterID in
            do {
                return try await stages.inputs.cluster(inline: nil, clusteringID: clusteringID, clusterID: clusterID)
            } catch let error as StageInputError {
                throw APIError.notFound(error.description)
            }
        }
        for resolves in [true, false] {
            let jobs = TrainingJobs(trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"))
            let controller = TrainerController(
                jobs: jobs, registry: workspace.registry, lookUpCluster: resolves ? lookUp : nil)
            let app = buildApplication(
                service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer),
                routes: controller.routes,
                logger: Logger(label: "test"), services: [jobs])
            try await app.test(.router) { client in
                let client = ContractCheckingClient(client)
                try await client.execute(uri: "/api/v1/train", method: .post, body: try body(clustering.clusteringID)) {
                    (response: TestResponse) async throws in
                    let object = try RankerTestService.json(response)
                    guard resolves else {
                        #expect(response.status == .unprocessableContent)
                        #expect(
                            (object["detail"] as? String)?.contains("send each cluster inline") == true, "\(object)")
                        return
                    }
                    #expect(response.status == .ok, "\(object)")
                    #expect(object["state"] as? String == "completed", "\(object)")
                    let request = try #require(object["request"] as? [String: Any])
                    let cluster = try #require(
                        ((request["clusters"] as? [[String: Any]])?.first)?["cluster"] as? [String: Any])
                    let stored = try #require(clustering.cluster("cluster_1"))
                    #expect(cluster["member_ids"] as? [String] == stored.memberIDs)
                }
                guard resolves else { return }
                try await client.execute(uri: "/api/v1/train", method: .post, body: try body("clu-none")) {
                    (response: TestResponse) async throws in
                    #expect(response.status == .notFound)
                    #expect(
                        (try RankerTestService.json(response)["detail"] as? String)?.contains("no clustering clu-none")
                            == true)
                }
            }
        }
    }
}
