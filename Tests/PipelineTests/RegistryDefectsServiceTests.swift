import Experiences
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

/// The trainer's registry reads survive a corrupt version file (it is skipped and named, not a 500 for every
/// version) and a registry path that is a file (503 saying so, not a 500).
struct RegistryDefectsServiceTests {
    func withTrainer(
        registry: PromptRegistry, workspace: Workspace, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let jobs = TrainingJobs(trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"))
        let app = buildApplication(
            service: .rlTrainer, configuration: ServiceConfiguration(service: .rlTrainer),
            routes: TrainerController(jobs: jobs, registry: registry).routes, logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(ContractCheckingClient(client)) }
    }

    @Test func aCorruptVersionFileIsSkippedAndNamed() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        _ = try workspace.registry.create(family: 1, source: "human", text: "second")
        try Data("{\"prompt_id\": \"p_v1_3\", ".utf8).write(
            to: workspace.registry.directory.appendingPathComponent("p_v1_3.json"))
        try await self.withTrainer(registry: workspace.registry, workspace: workspace) { client in
            try await client.execute(uri: "/api/v1/prompts", method: .get) { (response: TestResponse) async throws in
                #expect(response.status == .ok)
                let object = try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
                let ids = object["prompts"]?.arrayValue?.compactMap { $0["prompt_id"]?.stringValue }
                #expect(ids == ["p_v1_1", "p_v1_2"])
                let unreadable = object["unreadable"]?.arrayValue ?? []
                #expect(unreadable.compactMap { $0["file"]?.stringValue } == ["p_v1_3.json"])
                #expect(unreadable.first?["reason"]?.stringValue?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/prompts/latest", method: .get) {
                (response: TestResponse) async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == "\"p_v1_2\"")
                #expect(response.headers[TrainerController.unreadableHeader] == "p_v1_3.json")
            }
        }
    }

    @Test func aRegistryPathThatIsAFileIs503SayingSo() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let file = workspace.folder.appendingPathComponent("registry-file")
        try Data("x".utf8).write(to: file)
        try await self.withTrainer(registry: PromptRegistry(directory: file), workspace: workspace) { client in
            for uri in ["/api/v1/prompts", "/api/v1/prompts/latest", "/api/v1/prompts/p_v1_1"] {
                try await client.execute(uri: uri, method: .get) { (response: TestResponse) async throws in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    let detail = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                        .detail
                    #expect(detail.contains("is not a folder"), "\(uri): \(detail)")
                }
            }
        }
    }
}
