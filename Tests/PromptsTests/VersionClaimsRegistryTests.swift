import Foundation
import Testing

@testable import Prompts

/// `createClaimingVersion` with a claim table (an in-memory one here; PostgreSQL's in PostgresStoreTests).
struct VersionClaimsRegistryTests {
    /// Claims in memory, as the PostgreSQL table keeps them.
    actor ClaimTable: VersionClaims {
        private(set) var claimed: Set<PromptID> = []

        func claim(_ id: PromptID) -> Bool { self.claimed.insert(id).inserted }
        func release(_ id: PromptID) { self.claimed.remove(id) }
    }

    struct SimulatedDiskFull: Error {}

    func withRegistry(_ body: (PromptRegistry, ClaimTable) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-claims-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let claims = ClaimTable()
        var registry = PromptRegistry(directory: folder)
        registry.versionClaims = claims
        _ = try registry.create(family: 1, source: "human", text: "Answer from the context.")
        try await body(registry, claims)
    }

    @Test func aClaimedNumberIsSkippedAndTheWrittenOneIsClaimed() async throws {
        try await withRegistry { registry, claims in
            #expect(await claims.claim(PromptID(family: 1, version: 2)), "another machine's claim")
            let written = try await registry.createClaimingVersion(family: 1, source: "rl_trainer", text: "Briefly.")
            #expect(written.id == PromptID(family: 1, version: 3))
            #expect(await claims.claimed == [PromptID(family: 1, version: 2), PromptID(family: 1, version: 3)])
        }
    }

    @Test func aFileWrittenWithoutAClaimStillHoldsItsNumber() async throws {
        try await withRegistry { registry, _ in
            _ = try registry.create(family: 1, source: "human", text: "Written by hand, unclaimed.")
            let written = try await registry.createClaimingVersion(family: 1, source: "rl_trainer", text: "Briefly.")
            #expect(written.id == PromptID(family: 1, version: 3))
        }
    }

    @Test func aFailedWriteGivesItsClaimBack() async throws {
        try await withRegistry { registry, claims in
            var failing = registry
            failing.beforePublish = { _ in throw SimulatedDiskFull() }
            await #expect(throws: SimulatedDiskFull.self) {
                try await failing.createClaimingVersion(family: 1, source: "rl_trainer", text: "Briefly.")
            }
            #expect(await claims.claimed.isEmpty)
            #expect(try registry.ids() == [PromptID(family: 1, version: 1)])
            let written = try await registry.createClaimingVersion(family: 1, source: "rl_trainer", text: "Briefly.")
            #expect(written.id == PromptID(family: 1, version: 2), "the number was not lost")
        }
    }

    @Test func withoutAClaimTableTheLinkRuleDecides() async throws {
        try await withRegistry { registry, _ in
            let plain = PromptRegistry(directory: registry.directory)
            let ids = try await withThrowingTaskGroup(of: PromptID.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await plain.createClaimingVersion(family: 1, source: "rl_trainer", text: "Rule \(index).")
                            .id
                    }
                }
                return try await group.reduce(into: Set<PromptID>()) { $0.insert($1) }
            }
            #expect(ids == Set((2...9).map { PromptID(family: 1, version: $0) }))
        }
    }
}
