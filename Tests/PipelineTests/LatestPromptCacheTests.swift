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

/// `GET /api/v1/prompts/latest` keeps the version files it has read (issue 14: reading and decoding the newest
/// version on every request was two thirds of its time); a version written by someone else, or a file replaced by
/// hand, is served at once.
struct LatestPromptCacheTests {
    static func text(_ response: TestResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object.flatMap { "\($0["prompt_id"] ?? "-") \($0["text"] ?? "-")" }
    }

    @Test func aVersionWrittenByAnotherWriterOrReplacedByHandIsServedAtOnce() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let jobs = TrainingJobs(trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"))
        let controller = TrainerController(jobs: jobs, registry: workspace.registry)
        let app = buildApplication(
            service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer), routes: controller.routes,
            logger: Logger(label: "test"), services: [jobs])
        let base = try workspace.registry.version(named: "p_v1_1").text
        try await app.test(.router) { client in
            let client = ContractCheckingClient(client)
            for _ in 0..<3 {
                try await client.execute(uri: "/api/v1/prompts/latest", method: .get) { response in
                    #expect(Self.text(response) == "p_v1_1 \(base)")
                }
            }
            // Another writer (another process in production) publishes a version into the same folder.
            let other = PromptRegistry(directory: workspace.registry.directory)
            _ = try other.create(family: 1, source: "human", text: "The second version.")
            try await client.execute(uri: "/api/v1/prompts/latest", method: .get) { response in
                #expect(Self.text(response) == "p_v1_2 The second version.")
            }
            // A person replaces that file in place with a valid version of another text.
            let file = workspace.registry.directory.appendingPathComponent("p_v1_2.json")
            let edited = PromptVersion(
                id: PromptID(family: 1, version: 2), source: "human", text: "The second version, edited by hand.",
                details: try workspace.registry.version(named: "p_v1_2").details)
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: edited.fileContents())
            try handle.close()
            try await client.execute(uri: "/api/v1/prompts/latest", method: .get) { response in
                #expect(Self.text(response) == "p_v1_2 The second version, edited by hand.")
            }
            try await client.execute(uri: "/api/v1/prompts/latest?family=1", method: .get) { response in
                #expect(Self.text(response) == "p_v1_2 The second version, edited by hand.")
            }
        }
    }
}
