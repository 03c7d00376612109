import ClusteringService
import Experiences
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Stages
import Testing

struct ClusteringServiceTests {
    /// Two clear failure modes (invented fees, padded answers) and a few successes.
    static func experiences() -> [Experience] {
        var items: [Experience] = []
        for index in 0..<12 {
            items.append(
                Experience(
                    id: "fee-\(index)", createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 60),
                    promptID: "p_v1_1", input: "What is the fee for plan \(index)?",
                    response: "The monthly fee is \(index + 10) EUR and includes free travel insurance fee",
                    reward: 0.1,
                    failureType: "hallucination"))
            items.append(
                Experience(
                    id: "pad-\(index)", createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 60 + 30),
                    promptID: "p_v1_1", input: "How do I reset my PIN \(index)?",
                    response:
                        "Thank you so much for asking, there are many many things to consider about pins and resets",
                    reward: 0.3, failureType: "verbosity"))
        }
        items.append(Experience(id: "ok-1", input: "q", response: "fine", success: true))
        return items
    }

    func withService(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let store = InMemoryExperienceStore(Self.experiences())
        let runs = InMemoryRunStore()
        let controller = ClusteringController(stage: ClusteringStage(store: store, runs: runs))
        let app = buildApplication(
            service: .failureClustering, configuration: ServiceConfiguration(service: .failureClustering),
            routes: controller.routes, logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(ContractCheckingClient(client)) }
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func clusterStoresARunThatCanBeReadAndPaged() async throws {
        try await withService { client in
            let id = try await client.execute(
                uri: "/api/v1/cluster", method: .post,
                body: ByteBuffer(string: #"{"k": 2, "seed": 3, "representatives": 2}"#)
            ) { (response: TestResponse) async throws in
                #expect(response.status == .created)
                let object = try self.json(response)
                #expect(object["failure_count"] as? Int == 24)
                let clusters = try #require(object["clusters"] as? [[String: Any]])
                #expect(clusters.map { $0["cluster_id"] as? String } == ["cluster_1", "cluster_2"])
                #expect(clusters.map { $0["size"] as? Int } == [12, 12])
                let members = clusters.map { Set(($0["member_ids"] as? [String]) ?? []) }
                let fees = Set((0..<12).map { "fee-\($0)" })
                #expect(members.contains(fees), "the invented-fee failures form one cluster")
                #expect((clusters[0]["representatives"] as? [Any])?.count == 2)
                return try #require(object["clustering_id"] as? String)
            }
            try await client.execute(uri: "/api/v1/clusterings/\(id)", method: .get) {
                (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(try self.json(response)["clustering_id"] as? String == id)
            }
            try await client.execute(
                uri: "/api/v1/clusterings/\(id)/clusters/cluster_1/members?offset=10&limit=5", method: .get
            ) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                let page = try self.json(response)
                #expect(page["total"] as? Int == 12)
                #expect((page["experiences"] as? [Any])?.count == 2)
                #expect(page["next_offset"] is NSNull)
            }
            try await client.execute(
                uri: "/api/v1/clusterings/\(id)/clusters/cluster_1/members?limit=5", method: .get
            ) { (response: TestResponse) async throws in
                #expect(try self.json(response)["next_offset"] as? Int == 5)
            }
        }
    }

    @Test func sameRequestAndSeedGiveTheSameClusters() async throws {
        try await withService { client in
            var bodies: [[String]] = []
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/api/v1/cluster", method: .post, body: ByteBuffer(string: #"{"k_range": [2, 4], "seed": 9}"#)
                ) { (response: TestResponse) async throws in
                    let clusters = try #require(try self.json(response)["clusters"] as? [[String: Any]])
                    bodies.append(clusters.map { ($0["member_ids"] as? [String] ?? []).joined(separator: ",") })
                }
            }
            #expect(bodies[0] == bodies[1])
        }
    }

    static let mistakes: [(uri: String, body: String?, status: HTTPResponse.Status, phrase: String)] = [
        ("/api/v1/cluster", #"{"k": 150}"#, .unprocessableContent, "larger than the number of failures"),
        // Nothing logged under the id at all: a mistake to name, not "nothing to fix".
        (
            "/api/v1/cluster", #"{"prompt_id": "p_v9_9"}"#, .notFound,
            "no interactions are logged under prompt p_v9_9 (logged: p_v1_1)"
        ),
        // Logged under the id, but no failure in the range: too few failures.
        (
            "/api/v1/cluster", #"{"prompt_id": "p_v1_1", "since": "2030-01-01T00:00:00Z"}"#, .unprocessableContent,
            "too few failures to cluster: got 0"
        ),
        ("/api/v1/cluster", #"{"k": 0}"#, .unprocessableContent, "k"),
        // The store's text ends at a NUL: this would have clustered p_v1_1's failures.
        ("/api/v1/cluster", #"{"prompt_id": "p_v1_1\u0000zzz"}"#, .unprocessableContent, "NUL character"),
        ("/api/v1/cluster", #"{"since": "yesterday"}"#, .unprocessableContent, "RFC 3339"),
        ("/api/v1/cluster", #"{"k": "two"}"#, .unprocessableContent, "field 'k' has the wrong type"),
        ("/api/v1/cluster", #"{"limit": 0}"#, .unprocessableContent, "limit"),
        ("/api/v1/cluster", #"{"k":"#, .badRequest, "malformed JSON"),
        ("/api/v1/clusterings/clu-missing", nil, .notFound, "no clustering clu-missing"),
        ("/api/v1/clusterings/clu-missing/clusters/cluster_1/members", nil, .notFound, "no clustering"),
    ]

    @Test(arguments: 0..<mistakes.count)
    func badRequestsGetA4xxWithDetail(_ index: Int) async throws {
        let mistake = Self.mistakes[index]
        try await withService { client in
            try await client.execute(
                uri: mistake.uri, method: mistake.body == nil ? .get : .post,
                body: mistake.body.map { ByteBuffer(string: $0) }
            ) { (response: TestResponse) async throws in
                #expect(response.status == mistake.status)
                let detail = try #require(try self.json(response)["detail"] as? String)
                #expect(detail.contains(mistake.phrase), "\(detail)")
            }
        }
    }

    @Test func unknownClusterAndBadPagingAreRejected() async throws {
        try await withService { client in
            let id = try await client.execute(
                uri: "/api/v1/cluster", method: .post, body: ByteBuffer(string: #"{"k": 2}"#)
            ) { (response: TestResponse) async throws in
                try #require(try self.json(response)["clustering_id"] as? String)
            }
            try await client.execute(uri: "/api/v1/clusterings/\(id)/clusters/cluster_9/members", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/clusterings/\(id)/clusters/cluster_1/members?limit=x", method: .get)
            {
                #expect($0.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/v1/clusterings/\(id)/clusters/cluster_1/members?offset=-1", method: .get
            ) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    @Test func openAPIDocumentListsEveryRoute() async throws {
        try await withService { client in
            try await client.execute(uri: "/openapi.json", method: .get) { (response: TestResponse) async throws in
                let paths = try #require(try self.json(response)["paths"] as? [String: Any])
                #expect(
                    Set(paths.keys) == [
                        "/health", "/metrics", "/openapi.json", "/api/v1/cluster", "/api/v1/clusterings/{id}",
                        "/api/v1/clusterings/{id}/clusters/{cluster_id}/members", "/api/v1/experiences",
                    ])
            }
        }
    }
}
