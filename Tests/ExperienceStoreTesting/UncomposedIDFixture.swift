import Experiences
import Foundation
import Testing

/// What a store written before ids were kept composed may hold, and what its id-composing migration must leave: the
/// same rows and expectations for the SQLite and the PostgreSQL migration.
package enum UncomposedIDFixture {
    static func date(_ text: String) -> Date { RFC3339.date(from: text)! }

    /// Ids in several Unicode forms, one id in two forms among them, inserted as raw rows before the migration.
    package static let rows: [(id: String, createdAt: Date?, response: String)] = [
        ("cafe\u{301}", date("2025-12-01T09:00:00Z"), "decomposed, with a composed twin"),
        ("caf\u{E9}", date("2025-12-02T09:00:00Z"), "composed"),
        ("nin\u{303}o", date("2025-12-03T09:00:00Z"), "decomposed, later"),
        ("nin\u{303}o ", nil, "another id"),
        ("n\u{303}", nil, "alone"),
        ("A\u{30A}", date("2025-12-02T09:00:00Z"), "decomposed, earliest"),
        ("\u{212B}", date("2025-12-04T09:00:00Z"), "angstrom sign, later"),
        ("plain", nil, "ascii"),
    ]

    /// The rows left, by response: the composed form if one was stored, else the earliest logged, each composed.
    static let expected: [(id: String, response: String)] = [
        ("\u{F1}", "alone"),
        ("nin\u{303}o ".precomposedStringWithCanonicalMapping, "another id"),
        ("plain", "ascii"),
        ("caf\u{E9}", "composed"),
        ("\u{C5}", "decomposed, earliest"),
        ("ni\u{F1}o", "decomposed, later"),
    ]

    /// Checks the migrated rows (`stored`: each id's bytes and its response, ordered by response) and the store's
    /// answer to a look-up of the decomposed id "A" + U+030A.
    package static func expectComposed(
        _ stored: [(id: [UInt8], response: String)], store: any ExperienceStore
    ) async throws {
        #expect(stored.map(\.response) == Self.expected.map(\.response))
        #expect(stored.map(\.id) == Self.expected.map { Array($0.id.utf8) })
        #expect(try await store.experiences(ids: ["A\u{30A}"]).map(\.response) == ["decomposed, earliest"])
    }
}
