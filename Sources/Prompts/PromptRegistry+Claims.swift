import Experiences
import Foundation

extension PromptRegistry {
    /// Writes a new version as ``create(family:source:text:metadata:now:)`` does, but with ``versionClaims`` set,
    /// claims the number there before writing the file: the next version above both the files and the numbers
    /// other writers claimed. A number whose file could not be written is released; one claimed by a writer that
    /// crashed stays taken (a gap, never a duplicate).
    /// - Throws: As ``create(family:source:text:metadata:now:)``, or the claim table's error (nothing is written).
    package func createClaimingVersion(
        family: Int?,
        source: String,
        text: String,
        metadata: VersionMetadata = VersionMetadata(),
        now: Date = Date()
    ) async throws -> PromptVersion {
        guard let claims = self.versionClaims else {
            return try self.create(family: family, source: source, text: text, metadata: metadata, now: now)
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RegistryError.emptyText }
        if let family, family < 1 { throw RegistryError.invalidFamily(family) }
        try self.makeFolder()
        var metadata = metadata
        metadata.createdAt = metadata.createdAt ?? RFC3339.string(from: now)

        var taken: PromptID?
        for _ in 0..<10_000 {
            let id = Self.next(after: try self.ids() + (taken.map { [$0] } ?? []), family: family)
            guard try await claims.claim(id) else {
                taken = id
                continue
            }
            let version = PromptVersion(id: id, source: source, text: text, details: metadata)
            do {
                if try self.publish(version.fileContents(), as: id.fileName) {
                    return version
                }
            } catch {
                try? await claims.release(id)
                throw error
            }
            // A file written without a claim (e.g. by `kaizen prompts add` on another store) holds the number.
            taken = id
        }
        throw RegistryError.contention
    }

    /// The next version of `family` above every id in `ids`, or version 1 of the next new family.
    static func next(after ids: [PromptID], family: Int?) -> PromptID {
        guard let family else { return PromptID(family: (ids.map(\.family).max() ?? 0) + 1, version: 1) }
        return PromptID(family: family, version: (ids.filter { $0.family == family }.map(\.version).max() ?? 0) + 1)
    }
}
