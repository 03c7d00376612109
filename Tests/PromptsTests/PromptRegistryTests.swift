import Experiences
import Foundation
import Testing

@testable import Prompts

struct PromptRegistryTests {
    struct SimulatedCrash: Error {}

    private func withRegistry(_ body: (PromptRegistry) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kaizen-registry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(PromptRegistry(directory: folder))
    }

    private func files(in registry: PromptRegistry) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: registry.directory.path).sorted()
    }

    @Test func fileHasTheSeedShape() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            let version = try registry.create(
                family: 1, source: "rl_trainer", text: "SYSTEM: Updated prompt ...",
                metadata: VersionMetadata(
                    rewardGain: 0.12, clusterID: "cluster_1", additional: ["parent_id": "p_v1_2"]),
                now: RFC3339.date(from: "2025-12-10T14:22:00Z")!)
            let text = try String(contentsOf: registry.directory.appendingPathComponent("p_v1_1.json"), encoding: .utf8)
            #expect(
                text == """
                    {
                      "prompt_id": "p_v1_1",
                      "version": 1,
                      "source": "rl_trainer",
                      "text": "SYSTEM: Updated prompt ...",
                      "metadata": {
                        "created_at": "2025-12-10T14:22:00Z",
                        "reward_gain": 0.12,
                        "cluster_id": "cluster_1",
                        "parent_id": "p_v1_2"
                      }
                    }

                    """)
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect(object?["version"] as? Int == 1)
            #expect(try registry.version(version.id) == version)
        }
    }

    @Test func versionsCountUpWithinAFamilyAndNewFamiliesCountUp() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            #expect(try registry.latest(family: 1) == nil)
            #expect(try registry.create(family: nil, source: "human", text: "a").id.description == "p_v1_1")
            #expect(try registry.create(family: 1, source: "human", text: "b").id.description == "p_v1_2")
            #expect(try registry.create(family: nil, source: "human", text: "c").id.description == "p_v2_1")
            #expect(try registry.create(family: 5, source: "human", text: "d").id.description == "p_v5_1")
            #expect(try registry.latest(family: 1)?.text == "b")
            #expect(try registry.latest()?.id.description == "p_v5_1")
            #expect(try registry.list().map(\.id.description) == ["p_v1_1", "p_v1_2", "p_v2_1", "p_v5_1"])
        }
    }

    @Test func sixteenConcurrentWritersGetSixteenDistinctValidFiles() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            _ = try registry.create(family: 3, source: "human", text: "base")
            let ids = try await withThrowingTaskGroup(of: PromptID.self) { group in
                for writer in 0..<16 {
                    group.addTask { try registry.create(family: 3, source: "rl_trainer", text: "writer \(writer)").id }
                }
                return try await group.reduce(into: [PromptID]()) { $0.append($1) }
            }
            #expect(Set(ids).count == 16)
            #expect(Set(ids.map(\.version)) == Set(2...17))
            #expect(try self.files(in: registry).count == 17)
            let texts = try registry.list().map(\.text)
            #expect(Set(texts) == Set(["base"] + (0..<16).map { "writer \($0)" }))
        }
    }

    @Test func anInterruptedWriteLeavesNothingBehind() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            var crashing = registry
            crashing.beforePublish = { _ in throw SimulatedCrash() }
            #expect(throws: SimulatedCrash.self) {
                try crashing.create(family: 1, source: "human", text: "never published")
            }
            #expect(try self.files(in: registry).isEmpty)
            #expect(try registry.list().isEmpty)
            #expect(try registry.create(family: 1, source: "human", text: "published").id.description == "p_v1_1")
        }
    }

    @Test func anExistingVersionCannotBeOverwritten() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            _ = try registry.create(family: 1, source: "human", text: "original")
            // Another writer publishes p_v1_2 after we chose that id and before we publish it.
            var racing = registry
            racing.beforePublish = { _ in
                if (try? registry.version(named: "p_v1_2")) == nil {
                    _ = try registry.create(family: 1, source: "human", text: "winner")
                }
            }
            let ours = try racing.create(family: 1, source: "human", text: "ours")
            #expect(ours.id.description == "p_v1_3")
            #expect(try registry.version(named: "p_v1_2").text == "winner")
            #expect(try registry.version(named: "p_v1_1").text == "original")
            let before = try Data(contentsOf: registry.directory.appendingPathComponent("p_v1_1.json"))
            #expect(try registry.publish(Data("overwrite".utf8), as: "p_v1_1.json") == false)
            #expect(try Data(contentsOf: registry.directory.appendingPathComponent("p_v1_1.json")) == before)
            #expect(try self.files(in: registry) == ["p_v1_1.json", "p_v1_2.json", "p_v1_3.json"])
        }
    }

    @Test func badInputIsRejected() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            #expect(throws: RegistryError.emptyText) { try registry.create(family: 1, source: "human", text: "  \n") }
            #expect(throws: RegistryError.invalidFamily(0)) {
                try registry.create(family: 0, source: "human", text: "x")
            }
            #expect(throws: RegistryError.invalidID("../p_v1_1")) { try registry.version(named: "../p_v1_1") }
            #expect(throws: RegistryError.notFound("p_v7_7")) { try registry.version(named: "p_v7_7") }
        }
    }

    @Test func foreignAndCorruptFilesAreHandled() async throws {
        try await withRegistry { (registry: PromptRegistry) async throws in
            _ = try registry.create(family: 1, source: "human", text: "ok")
            try Data("notes".utf8).write(to: registry.directory.appendingPathComponent("README.txt"))
            try Data("{}".utf8).write(to: registry.directory.appendingPathComponent("other.json"))
            #expect(try registry.ids().map(\.description) == ["p_v1_1"])
            try Data("{\"prompt_id\": \"p_v1_2\"".utf8).write(
                to: registry.directory.appendingPathComponent("p_v1_2.json"))
            #expect(throws: RegistryError.self) { try registry.version(named: "p_v1_2") }
            try Data(#"{"prompt_id":"p_v1_1","version":1,"source":"x","text":"y","metadata":{}}"#.utf8)
                .write(to: registry.directory.appendingPathComponent("p_v1_3.json"))
            #expect(throws: RegistryError.self) { try registry.version(named: "p_v1_3") }
        }
    }
}
