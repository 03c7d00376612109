import Experiences
import Foundation
import Verification

/// Validates a batch of experiences and stores it, all or nothing.
package struct ExperienceIngestion: Sendable {
    let store: any ExperienceStore

    package init(store: any ExperienceStore) {
        self.store = store
    }

    /// What went wrong with a batch before anything was stored.
    package enum Failure: Error, Sendable {
        /// The batch as a whole is not acceptable (empty, too large, unknown format).
        case invalid(String)
        /// Some items are bad.
        case invalidItems(IngestionRejection)
    }

    /// Validates every item; stores the batch only when all are valid.
    /// - Throws: ``Failure``, with nothing stored; the store's errors.
    package func ingest(_ batch: ExperienceBatch) async throws -> IngestionResult {
        guard !batch.experiences.isEmpty else { throw Failure.invalid("'experiences' must not be empty") }
        guard batch.experiences.count <= ExperienceBatch.maximumCount else {
            throw Failure.invalid(
                "'experiences' holds \(batch.experiences.count) items; at most \(ExperienceBatch.maximumCount) are accepted per request, so split the batch"
            )
        }
        let formatName = batch.format ?? ImportFormat.auto.rawValue
        guard let format = ImportFormat(rawValue: formatName) else {
            throw Failure.invalid(
                "'format' must be one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(formatName)'"
            )
        }
        let encoder = JSONEncoder.sorted
        var items: [(number: Int, data: Data)] = []
        for (index, item) in batch.experiences.enumerated() {
            items.append((index, try encoder.encode(item)))
        }
        let scorer = batch.scoreUnlabelled == true ? FailureLabeler().scorer(verifier: try Verifier()) : nil
        let parsed = ExperienceImporter(format: format, scoreUnlabelled: scorer).parse(items: items, unit: "index")
        guard parsed.issues.isEmpty else {
            let errors = parsed.issues.map {
                IngestionRejection.ItemError(index: $0.line, field: $0.field, message: $0.message)
            }
            let shown = errors.prefix(5).map { error in
                "experiences[\(error.index)]" + (error.field.map { ".\($0)" } ?? "") + " " + error.message
            }
            throw Failure.invalidItems(
                IngestionRejection(
                    detail: "\(errors.count) of \(items.count) experiences are invalid; nothing was stored: "
                        + shown.joined(separator: "; ") + (errors.count > 5 ? "; ..." : ""),
                    errors: errors))
        }
        let summary = try await self.store.insert(parsed.experiences)
        return IngestionResult(
            received: items.count, inserted: summary.inserted, alreadyPresent: summary.alreadyPresent,
            scored: parsed.scored, unreadKeys: parsed.unreadKeys)
    }
}
