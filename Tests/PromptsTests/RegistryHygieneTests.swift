import Experiences
import Foundation
import Testing

@testable import Prompts

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A registry stays usable around files it did not expect: a corrupt version is reported and skipped, a path that
/// is a file is named as such, and temporary files a killed writer left are swept when the registry is opened.
struct RegistryHygieneTests {
    static func withRegistry(_ body: (PromptRegistry) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kaizen-hygiene-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(PromptRegistry(directory: folder))
    }

    @Test func aCorruptVersionIsReportedAndSkipped() throws {
        try Self.withRegistry { registry in
            _ = try registry.create(family: 1, source: "human", text: "a")
            _ = try registry.create(family: 1, source: "human", text: "b")
            try Data("{\"prompt_id\": ".utf8).write(to: registry.directory.appendingPathComponent("p_v1_3.json"))
            let listing = try registry.listing()
            #expect(listing.versions.map(\.id.description) == ["p_v1_1", "p_v1_2"])
            #expect(listing.unreadable.map(\.file) == ["p_v1_3.json"])
            let latest = try registry.latestReadable(family: 1)
            #expect(latest.version?.id.description == "p_v1_2")
            #expect(latest.skipped.map(\.file) == ["p_v1_3.json"])
        }
    }

    @Test func aRegistryPathThatIsAFileIsNamed() throws {
        try Self.withRegistry { registry in
            try FileManager.default.createDirectory(
                at: registry.directory.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: registry.directory)
            #expect(throws: RegistryError.notAFolder(registry.directory.path)) { try registry.ids() }
            #expect(throws: RegistryError.notAFolder(registry.directory.path)) {
                try registry.create(family: nil, source: "human", text: "a")
            }
            #expect(RegistryError.notAFolder(registry.directory.path).isUnavailable)
        }
    }

    @Test func abandonedTemporaryFilesAreSweptWhenTheRegistryIsOpened() throws {
        try Self.withRegistry { registry in
            _ = try registry.create(family: 1, source: "human", text: "a")
            let manager = FileManager.default
            func temporary(_ name: String, age: TimeInterval) throws -> String {
                let path = registry.directory.appendingPathComponent(PromptRegistry.temporaryPrefix + name).path
                try Data("{\"prompt_id\": \"p_v1_2\"}".utf8).write(to: URL(fileURLWithPath: path))
                try manager.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
                return path
            }
            let abandoned = try temporary("abandoned", age: 120)
            let fresh = try temporary("fresh", age: 0)
            let held = try temporary("held", age: 120)
            // A live writer holds its temporary file locked until it is gone.
            let descriptor = open(held, O_RDONLY)
            defer { close(descriptor) }
            #expect(flock(descriptor, LOCK_EX) == 0)
            #expect(try registry.ids().map(\.description) == ["p_v1_1"], "temporary files are never listed")

            let reopened = PromptRegistry(directory: registry.directory)
            #expect(!manager.fileExists(atPath: abandoned), "an old, unlocked temporary file is swept")
            #expect(manager.fileExists(atPath: fresh), "a recent one may belong to a writer that just began")
            #expect(manager.fileExists(atPath: held), "a locked one belongs to a live writer")
            #expect(try reopened.list().map(\.text) == ["a"])
        }
    }
}
