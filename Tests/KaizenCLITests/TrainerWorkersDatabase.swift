import Foundation
import Testing

/// The PostgreSQL database the trainer-process tests share a schema of (`KAIZEN_TEST_DATABASE_URL`): each test
/// takes a fresh schema, so tests running at once never see each other's jobs or version claims.
enum TrainerWorkersDatabase {
    static var baseURL: String? {
        ProcessInfo.processInfo.environment["KAIZEN_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let skipNote: Comment = "KAIZEN_TEST_DATABASE_URL is not set; the PostgreSQL trainer-process tests skip"

    /// `KAIZEN_DATABASE_URL` for a schema no other test uses.
    static func freshSchemaURL() throws -> String {
        guard let base = Self.baseURL else { throw NotConfigured() }
        let schema = "kaizen_workers_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "KAIZEN_TEST_DATABASE_URL is not set" }
    }
}
