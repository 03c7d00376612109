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

/// `POST /api/v1/experiences`: the online side logs batches over HTTP, validated as the importer validates lines,
/// idempotent by id, all or nothing.
struct ExperienceIngestionTests {
    func withService(
        _ body: @Sendable (InMemoryExperienceStore, any TestClientProtocol) async throws -> Void
    ) async throws {
        let store = InMemoryExperienceStore()
        let controller = ClusteringController(stage: ClusteringStage(store: store, runs: InMemoryRunStore()))
        let app = buildApplication(
            service: .failureClustering, configuration: ServiceConfiguration(service: .failureClustering),
            routes: controller.routes, logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(store, ContractCheckingClient(client)) }
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static let batch = #"""
        {"experiences": [
          {"id": "e1", "input": "What is the fee?", "response": "It is 5 EUR.", "reward": 0.9, "prompt_id": "p_v1_1"},
          {"id": "e2", "input": "Where is the store?", "response": "On Main Street.", "success": false},
          {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"},
                        {"role": "assistant", "content": "Hello."}], "id": "c1", "reward": 0.2}
        ]}
        """#

    @Test func aValidBatchIsStoredAndResendingItIsHarmless() async throws {
        try await withService { store, client in
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: Self.batch)) {
                response in
                #expect(response.status == .ok)
                let object = try Self.object(response)
                #expect(object["received"] as? Int == 3)
                #expect(object["inserted"] as? Int == 3)
                #expect(object["already_present"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: Self.batch)) {
                response in
                #expect(response.status == .ok)
                let object = try Self.object(response)
                #expect(object["inserted"] as? Int == 0)
                #expect(object["already_present"] as? Int == 3)
            }
            let stored = await store.experiences(ids: ["c1", "e1", "e2"])
            #expect(stored.count == 3)
            let chat = try #require(stored.first { $0.id == "c1" })
            #expect(chat.input == "Hi?" && chat.response == "Hello.")
            #expect(chat.metadata["system_prompt"] == .string("Be brief."))
        }
    }

    /// Extra keys are stored nowhere, so the answer names them: `knowledge` meant as the context is a likely mistake.
    @Test func keysNoFieldReadsAreCountedInTheAnswer() async throws {
        let batch = #"""
            {"experiences": [
              {"id": "k1", "input": "Capital?", "knowledge": "Paris is the capital.", "response": "Paris.", "success": true},
              {"id": "k2", "input": "Capital?", "context": "Paris is the capital.", "response": "Paris.", "success": true}
            ]}
            """#
        try await withService { store, client in
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: batch)) {
                response in
                #expect(response.status == .ok)
                let object = try Self.object(response)
                #expect(object["unread_keys"] as? [String: Int] == ["knowledge": 1], "\(object)")
            }
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: Self.batch)) {
                response in
                let object = try Self.object(response)
                #expect(object["unread_keys"] as? [String: Int] == [:], "\(object)")
            }
            #expect(await store.experiences(ids: ["k1"]).first?.context == nil)
        }
    }

    @Test func aBatchWithBadItemsIsRefusedWholeWithEachItemNamed() async throws {
        let body = #"""
            {"experiences": [
              {"id": "ok", "input": "q", "response": "a", "reward": 0.9},
              {"id": "bad-reward", "input": "q", "response": "a", "reward": 7},
              {"id": "no-outcome", "input": "q", "response": "a"},
              {"id": "ok", "input": "q", "response": "a", "reward": 0.1},
              {"input": "q", "response": "a", "reward": 0.5},
              "text"
            ]}
            """#
        try await withService { store, client in
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .unprocessableContent)
                let object = try Self.object(response)
                let detail = try #require(object["detail"] as? String)
                #expect(detail.contains("5 of 6 experiences are invalid; nothing was stored"), "\(detail)")
                let errors = try #require(object["errors"] as? [[String: Any]])
                #expect(errors.map { $0["index"] as? Int } == [1, 2, 3, 4, 5])
                // A missing outcome names no single field: its message names both 'reward' and 'success'.
                #expect(errors.map { $0["field"] as? String } == ["reward", nil, "id", "id", nil])
                #expect((errors[2]["message"] as? String)?.contains("first on index 0") == true, "\(errors[2])")
            }
            #expect(await store.experiences(ids: ["ok"]).isEmpty, "nothing of a refused batch is stored")
        }
    }

    static let batchMistakes: [(body: String, status: HTTPResponse.Status, phrase: String)] = [
        ("{\"experiences\": [", .badRequest, "malformed JSON"),
        (#"{"items": []}"#, .unprocessableContent, "experiences"),
        (#"{"experiences": []}"#, .unprocessableContent, "must not be empty"),
        (
            #"{"experiences": [{"id": "a", "input": "q", "response": "a", "reward": 1}], "format": "csv"}"#,
            .unprocessableContent, "'format' must be one of auto, experience, chat"
        ),
        (
            "{\"experiences\": ["
                + Array(repeating: #"{"id": "a"}"#, count: ExperienceBatch.maximumCount + 1).joined(separator: ",")
                + "]}",
            .unprocessableContent, "at most \(ExperienceBatch.maximumCount)"
        ),
    ]

    @Test(arguments: 0..<batchMistakes.count)
    func aBatchThatIsNotAcceptableAsAWholeGetsA4xx(_ index: Int) async throws {
        let mistake = Self.batchMistakes[index]
        try await withService { _, client in
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: mistake.body))
            { response in
                #expect(response.status == mistake.status)
                let detail = try #require(try Self.object(response)["detail"] as? String)
                #expect(detail.contains(mistake.phrase), "\(detail)")
            }
        }
    }

    @Test func theRouteIsInTheOpenAPIDocument() async throws {
        try await withService { _, client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let paths = try #require(try Self.object(response)["paths"] as? [String: Any])
                let route = try #require(paths["/api/v1/experiences"] as? [String: Any])
                #expect(route["post"] != nil)
            }
        }
    }

    /// Raw logs without an outcome: refused (422) unless the batch asks the verifier to score them.
    @Test func itemsWithoutAnOutcomeAreScoredOnlyWhenTheBatchAsks() async throws {
        let items = #"""
            [{"id": "r1", "input": "What is the fee?", "context": "The fee is 5 EUR.", "response": "The fee is 9 EUR."},
             {"id": "r2", "input": "What is the fee?", "context": "The fee is 5 EUR.", "response": "The fee is 5 EUR."},
             {"id": "r3", "input": "What is the fee?", "response": "5 EUR.", "reward": 0.7}]
            """#
        try await withService { store, client in
            try await client.execute(
                uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: #"{"experiences": \#(items)}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let errors = try #require(try Self.object(response)["errors"] as? [[String: Any]])
                #expect(errors.compactMap { $0["index"] as? Int } == [0, 1])
            }
            #expect(await store.experiences(ids: ["r1", "r2", "r3"]).isEmpty, "all or nothing")
            let body = #"{"experiences": \#(items), "score_unlabelled": true}"#
            try await client.execute(uri: "/api/v1/experiences", method: .post, body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .ok)
                let object = try Self.object(response)
                #expect(object["inserted"] as? Int == 3 && object["scored"] as? Int == 2, "\(object)")
            }
            let stored = Dictionary(
                uniqueKeysWithValues: await store.experiences(ids: ["r1", "r2", "r3"]).map { ($0.id, $0) })
            #expect(stored["r1"]?.success == false && stored["r1"]?.failureType == "hallucination")
            #expect(stored["r2"]?.success == true && stored["r2"]?.metadata["labelled_by"] == .string("verifier"))
            #expect(
                stored["r3"]?.reward == 0.7 && stored["r3"]?.success == nil && stored["r3"]?.metadata.isEmpty == true)
        }
    }
}
