import Foundation
import GRDB

/// A row the store holds but cannot decode (a date SQLite kept that no reader can parse, say), told without the SQL
/// and the rest of the row that GRDB's own message includes: that message reached a training job's `error`, with the
/// statement and another experience's text.
struct UnreadableRow: Error, CustomStringConvertible {
    var description: String

    init(_ error: RowDecodingError) {
        let full = String(describing: error)
        // GRDB writes `could not decode Date from database value "..." - column: "created_at", column index: 1, row: ..."`.
        let what = full.components(separatedBy: " - ").first ?? "a value could not be decoded"
        var column = ""
        if let start = full.range(of: "column: \"") {
            column = String(full[start.upperBound...].prefix { $0 != "\"" })
        }
        self.description =
            "the store holds a row it cannot read back: \(what.prefix(200))"
            + (column.isEmpty ? "" : " (column \(column))") + "; correct or delete that row"
    }
}

extension SQLiteExperienceStore {
    /// `writer.read(body)`, with an undecodable row told as ``UnreadableRow``.
    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await self.writer.read(body)
        } catch let error as RowDecodingError {
            throw UnreadableRow(error)
        }
    }
}
