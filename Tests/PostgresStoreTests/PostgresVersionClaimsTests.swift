import Foundation
import PostgresStore
import Prompts
import Testing

/// Trainers on several machines write one registry folder; version numbers are claimed in PostgreSQL first.
@Suite(.enabled(if: PostgresTestDatabase.shouldRun, Comment(rawValue: PostgresTestDatabase.skipNote)))
struct PostgresVersionClaimsTests {
    func withRegistries(
        _ count: Int, _ body: ([PromptRegistry], [PostgresExperienceStore]) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-claims-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await PostgresTestDatabase.withStores(count) { stores in
            let registries = stores.map { store in
                var registry = PromptRegistry(directory: folder)
                registry.versionClaims = PostgresVersionClaims(store: store)
                return registry
            }
            _ = try registries[0].create(family: 1, source: "human", text: "Answer from the context.")
            try await body(registries, stores)
        }
    }

    /// Eight writers on two "machines" at once: eight distinct versions, each claimed once.
    @Test func writersAtOnceGetDistinctVersions() async throws {
        try await withRegistries(2) { registries, stores in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await registries[index % 2].createClaimingVersion(
                            family: 1, source: "rl_trainer", text: "Answer from the context. Rule \(index)."
                        )
                        .id.description
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(ids) == Set((2...9).map { "p_v1_\($0)" }))
            #expect(try registries[1].ids().count == 9)
            // Every written number is claimed: a ninth claim of any of them is refused.
            for version in 2...9 {
                #expect(try await !PostgresVersionClaims(store: stores[0]).claim(PromptID(family: 1, version: version)))
            }
        }
    }

    /// A number another machine claimed is skipped even before its file appears on the shared storage.
    @Test func aNumberClaimedElsewhereIsSkippedBeforeItsFileExists() async throws {
        try await withRegistries(2) { registries, stores in
            #expect(try await PostgresVersionClaims(store: stores[1]).claim(PromptID(family: 1, version: 2)))
            let written = try await registries[0].createClaimingVersion(
                family: 1, source: "rl_trainer", text: "Answer from the context, briefly.")
            #expect(written.id == PromptID(family: 1, version: 3))
            let newFamily = try await registries[0].createClaimingVersion(
                family: nil, source: "human", text: "A new family.")
            #expect(newFamily.id == PromptID(family: 2, version: 1))
        }
    }
}
