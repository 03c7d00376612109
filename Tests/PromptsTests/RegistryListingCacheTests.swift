import Foundation
import Prompts
import Testing

/// `/api/v1/prompts/latest` keeps the registry folder's listing while the folder is unchanged (issue 14: listing it
/// on every request was most of the route's own time), yet lists a version another writer adds at once, and does
/// not trust a listing made within ``PromptFileCache/settleTime`` of the folder's last change.
struct RegistryListingCacheTests {
    static func withRegistry(_ body: (PromptRegistry) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kaizen-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(PromptRegistry(directory: folder))
    }

    static func latest(_ registry: PromptRegistry, _ cache: PromptFileCache) throws -> String? {
        try registry.latestReadable(family: nil, cache: cache).entry?.version.id.description
    }

    @Test func anUnchangedFolderIsListedOnceAndANewVersionAtOnce() async throws {
        try await Self.withRegistry { registry in
            _ = try registry.create(family: 1, source: "human", text: "first")
            try await Task.sleep(for: .seconds(PromptFileCache.settleTime + 0.2))
            let cache = PromptFileCache()
            for _ in 0..<3 { #expect(try Self.latest(registry, cache) == "p_v1_1") }
            #expect(cache.listings == 1)

            // Another writer publishes; the folder's times change, so the next request lists it again.
            _ = try PromptRegistry(directory: registry.directory).create(family: 1, source: "human", text: "second")
            #expect(try Self.latest(registry, cache) == "p_v1_2")
            #expect(cache.listings == 2)
            // A third version right after: a listing made so soon after a change is never trusted.
            _ = try PromptRegistry(directory: registry.directory).create(family: 1, source: "human", text: "third")
            #expect(try Self.latest(registry, cache) == "p_v1_3")
            #expect(try Self.latest(registry, cache) == "p_v1_3")
            #expect(cache.listings == 4)
        }
    }
}
