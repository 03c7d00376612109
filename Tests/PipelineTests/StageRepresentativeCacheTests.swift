import Experiences
import Foundation
import PatchGeneration
import Prompts
import Stages
import Synchronization
import Testing

/// The patch stages complete a cluster's representatives from the store once per experience id (issue 14: the
/// look-up was a seventh of a ranker request's CPU), since a stored experience never changes; an id the store did
/// not hold is asked again, so an experience imported later is found.
struct StageRepresentativeCacheTests {
    /// A store that records the ids each `experiences(ids:)` asks for.
    final class AskingStore: ExperienceStore, Sendable {
        let base: InMemoryExperienceStore
        let asked = Mutex<[[String]]>([])

        init(_ experiences: [Experience]) { self.base = InMemoryExperienceStore(experiences) }

        func insert(_ experiences: [Experience]) async throws -> InsertSummary {
            await self.base.insert(experiences)
        }
        func failures(_ query: ExperienceQuery) async throws -> [Experience] { await self.base.failures(query) }
        func sampleSuccesses(_ query: ExperienceQuery, count: Int, seed: UInt64) async throws -> [Experience] {
            await self.base.sampleSuccesses(query, count: count, seed: seed)
        }
        func experiences(ids: [String]) async throws -> [Experience] {
            self.asked.withLock { $0.append(ids) }
            return await self.base.experiences(ids: ids)
        }
        func statistics(failureThreshold: Double) async throws -> ExperienceStatistics {
            await self.base.statistics(failureThreshold: failureThreshold)
        }
    }

    static func experience(_ id: String) -> Experience {
        Experience(
            id: id, input: "Where is \(id) made?", context: "Context of \(id).", response: "In Spain.",
            reference: "Reference of \(id).", reward: 0.1, metadata: ["channel": .string("web")])
    }

    static func cluster(_ ids: [String]) -> ClusterEvidence {
        ClusterEvidence(
            clusterID: "cluster_1", size: ids.count,
            representatives: ids.map {
                ClusterRepresentative(id: $0, input: "Where is \($0) made?", response: "In Spain.")
            })
    }

    @Test func representativesAreLookedUpOncePerStoredID() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-stage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = AskingStore([Self.experience("e-1"), Self.experience("e-2")])
        let inputs = StageInputs(registry: PromptRegistry(directory: folder), store: store)

        let first = try await inputs.completed(Self.cluster(["e-1", "e-2", "e-3"]))
        let second = try await inputs.completed(Self.cluster(["e-1", "e-2", "e-3"]))
        #expect(first == second)
        #expect(second.representatives.map(\.context) == ["Context of e-1.", "Context of e-2.", nil])
        #expect(second.representatives.map(\.reference) == ["Reference of e-1.", "Reference of e-2.", nil])
        #expect(second.representatives[0].metadata == ["channel": .string("web")])
        // The second completion asks only for the id the store did not hold.
        #expect(store.asked.withLock { $0 } == [["e-1", "e-2", "e-3"], ["e-3"]])

        // Imported later, it is found, and then remembered too.
        _ = try await store.insert([Self.experience("e-3")])
        let third = try await inputs.completed(Self.cluster(["e-3", "e-1"]))
        #expect(third.representatives.map(\.context) == ["Context of e-3.", "Context of e-1."])
        _ = try await inputs.completed(Self.cluster(["e-3"]))
        #expect(store.asked.withLock { $0 } == [["e-1", "e-2", "e-3"], ["e-3"], ["e-3"]])
    }
}
