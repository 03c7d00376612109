import ClusteringService
import Experiences
import FailureClustering
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Pipeline
import Stages
import Testing

/// Issue 14: a clustering response lists member ids only up to a bound, says how many there are and where to page
/// them, and the remote pipeline still trains on every member.
struct ClusterMemberBoundTests {
    /// `count` failures of two kinds.
    static func store(failures count: Int) -> InMemoryExperienceStore {
        InMemoryExperienceStore((0..<count).map(Self.failure))
    }

    static func failure(_ index: Int) -> Experience {
        let invented = index % 2 == 0
        let response: String =
            invented
            ? "The monthly fee is \(index % 13 + 10) EUR with free travel insurance"
            : "Thank you so much for asking, there are many things to consider about plans"
        return Experience(
            id: String(format: "f-%05d", index), createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)),
            promptID: "p_v1_1", input: "What is the fee for plan \(index % 7)?", response: response, reward: 0.2,
            failureType: invented ? "hallucination" : "verbosity")
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// Posts a clustering (k = 2) to a service over `store` and hands its clusters and the stage to `check`.
    static func cluster(
        _ store: InMemoryExperienceStore, inlineMemberIDs: Int = ClusteringLimits.inlineMemberIDs,
        check: @escaping @Sendable ([[String: Any]], ClusteringRun, any TestClientProtocol) async throws -> Void
    ) async throws {
        let stage = ClusteringStage(store: store, runs: InMemoryRunStore())
        let app = buildApplication(
            service: .failureClustering, configuration: ServiceConfiguration(service: .failureClustering),
            routes: ClusteringController(stage: stage, inlineMemberIDs: inlineMemberIDs).routes,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let client = ContractCheckingClient(client)
            let id = try await client.execute(
                uri: "/api/v1/cluster", method: .post, body: ByteBuffer(string: #"{"k": 2, "seed": 1, "n_init": 1}"#)
            ) { response in
                #expect(response.status == .created)
                return try #require(try Self.json(response)["clustering_id"] as? String)
            }
            let stored = try await stage.run(id: id)
            for uri in ["/api/v1/clusterings/\(id)"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let clusters = try #require(try Self.json(response)["clusters"] as? [[String: Any]])
                    try await check(clusters, stored, client)
                }
            }
        }
    }

    @Test func aStoreBeyondTheBoundListsTheFirstIdsAndCountsAndLinksTheRest() async throws {
        let failures = ClusteringLimits.inlineMemberIDs * 2 + 300
        try await Self.cluster(Self.store(failures: failures)) { clusters, stored, client in
            #expect(clusters.count == 2)
            for (cluster, full) in zip(clusters, stored.result.clusters) {
                let listed = try #require(cluster["member_ids"] as? [String])
                #expect(full.memberIDs.count > ClusteringLimits.inlineMemberIDs, "both clusters are over the bound")
                #expect(listed == Array(full.memberIDs.prefix(ClusteringLimits.inlineMemberIDs)))
                #expect(cluster["member_count"] as? Int == full.memberIDs.count)
                #expect(cluster["size"] as? Int == full.memberIDs.count)
                #expect(cluster["members_truncated"] as? Bool == true)
                let url = try #require(cluster["members_url"] as? String)
                #expect(url == "/api/v1/clusterings/\(stored.clusteringID)/clusters/\(full.clusterID)/members")
                try await client.execute(uri: url + "?offset=1000&limit=1000", method: .get) { response in
                    let page = try Self.json(response)
                    #expect(
                        page["member_ids"] as? [String] == Array(full.memberIDs[1000..<min(2000, full.memberIDs.count)])
                    )
                    #expect(page["total"] as? Int == full.memberIDs.count)
                }
            }
            #expect(stored.result.clusters.map(\.memberIDs.count).reduce(0, +) == failures, "the stored run keeps all")
        }
    }

    @Test func aClusterWithinTheBoundListsEveryId() async throws {
        try await Self.cluster(Self.store(failures: 40), inlineMemberIDs: 20) { clusters, stored, _ in
            for (cluster, full) in zip(clusters, stored.result.clusters) {
                #expect(cluster["member_ids"] as? [String] == full.memberIDs)
                #expect(cluster["member_count"] as? Int == 20)
                #expect(cluster["members_truncated"] as? Bool == false)
            }
        }
        try await Self.cluster(Self.store(failures: 40), inlineMemberIDs: 19) { clusters, _, _ in
            #expect(clusters.allSatisfy { ($0["member_ids"] as? [String])?.count == 19 })
            #expect(clusters.allSatisfy { $0["members_truncated"] as? Bool == true })
        }
    }

    @Test func theRemoteBackendPagesEveryMemberOfATruncatedCluster() async throws {
        let stage = ClusteringStage(store: Self.store(failures: 2_500), runs: InMemoryRunStore())
        let app = buildApplication(
            service: .failureClustering, configuration: ServiceConfiguration(service: .failureClustering, port: 0),
            routes: ClusteringController(stage: stage, inlineMemberIDs: 100).routes, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(client.port!)"
            let urls = RemoteBackend.URLs(clustering: base, patchGenerator: base, ranker: base, trainer: base)
            let run = try await RemoteBackend(urls: urls).cluster(
                ClusterRequest(configuration: .init(clusterCount: 2, seed: 1)))
            let stored = try await stage.run(id: run.clusteringID)
            #expect(run.result.clusters.map(\.memberIDs) == stored.result.clusters.map(\.memberIDs))
            #expect(run.result.clusters.map(\.memberIDs.count).reduce(0, +) == 2_500)
        }
    }
}
