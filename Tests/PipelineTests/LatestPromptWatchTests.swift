import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Prompts
import Stages
import Testing
import TrainerService

/// The deployment agent's side of the registry: `GET /api/v1/prompts/latest` with an ETag, `If-None-Match` (304),
/// and the `wait` long poll.
struct LatestPromptWatchTests {
    func withTrainer(
        _ body: @Sendable (Workspace, any TestClientProtocol) async throws -> Void
    ) async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let jobs = TrainingJobs(trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"))
        let controller = TrainerController(jobs: jobs, registry: workspace.registry, watchInterval: .milliseconds(20))
        let app = buildApplication(
            service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer), routes: controller.routes,
            logger: Logger(label: "test"), services: [jobs])
        try await app.test(.router) { client in try await body(workspace, ContractCheckingClient(client)) }
    }

    static func promptID(_ response: TestResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["prompt_id"] as? String
    }

    @Test func theLatestVersionCarriesItsIDAsETagAndAMatchingIfNoneMatchGets304() async throws {
        try await withTrainer { _, client in
            let tag = try await client.execute(uri: "/api/v1/prompts/latest?family=1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.promptID(response) == "p_v1_1")
                return try #require(response.headers[.eTag])
            }
            #expect(tag == #""p_v1_1""#)
            try await client.execute(
                uri: "/api/v1/prompts/latest?family=1", method: .get, headers: [.ifNoneMatch: tag]
            ) { response in
                #expect(response.status == .notModified)
                #expect(response.headers[.eTag] == tag)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(
                uri: "/api/v1/prompts/latest?family=1", method: .get, headers: [.ifNoneMatch: #"W/"p_v1_0", "p_v9_9""#]
            ) { response in
                #expect(response.status == .ok, "a tag of another version gets the file")
            }
        }
    }

    @Test func aLongPollAnswersAsSoonAsANewerVersionIsWritten() async throws {
        try await withTrainer { workspace, client in
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                return try workspace.registry.create(family: 1, source: "human", text: "A newer prompt.")
            }
            let started = ContinuousClock.now
            try await client.execute(
                uri: "/api/v1/prompts/latest?family=1&wait=60", method: .get, headers: [.ifNoneMatch: #""p_v1_1""#]
            ) { response in
                #expect(response.status == .ok)
                #expect(Self.promptID(response) == "p_v1_2")
                #expect(response.headers[.eTag] == #""p_v1_2""#)
            }
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(250), "the request waited for the write")
            // Under the whole suite on two busy cores the wake-ups lag by seconds (10-21 s seen); the wait's end is at
            // 60 s (the longest allowed), so anything well before it still shows the request returned at the write.
            #expect(waited < .seconds(50), "the request returned at the write, not at the end of the wait")
            _ = try await writer.value
        }
    }

    @Test func aLongPollWithNoNewerVersionEndsWith304() async throws {
        try await withTrainer { _, client in
            let started = ContinuousClock.now
            try await client.execute(
                uri: "/api/v1/prompts/latest?family=1&wait=1", method: .get, headers: [.ifNoneMatch: #""p_v1_1""#]
            ) { response in
                #expect(response.status == .notModified)
            }
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test func aWaitOutOfRangeIsRefused() async throws {
        try await withTrainer { _, client in
            for wait in ["-1", "61", "soon"] {
                try await client.execute(uri: "/api/v1/prompts/latest?family=1&wait=\(wait)", method: .get) {
                    response in
                    #expect(response.status == .unprocessableContent)
                    let object =
                        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    #expect((object?["detail"] as? String)?.contains("'wait'") == true)
                }
            }
        }
    }
}
