import Experiences
import Foundation
import Randomness

/// The labelled responses the grounding model is fitted and measured on, and the feature table
/// `Scripts/fit_grounding_model.py` reads.
///
/// Lives beside the features so the benchmark (`VerifierBenchmark --dump-features`) and the test that checks the
/// shipped resource write the same table from the same tokenising.
package enum GroundingFitData {
    /// One response to score: its experience (context, input, no reference) and whether it is the hallucinated one.
    package struct Item: Sendable {
        /// `dialogue` or `summarization`.
        package var domain: String
        /// The record's index in its file.
        package var record: Int
        /// Context = knowledge or document; input = dialogue history, or empty for a summary.
        package var experience: Experience
        /// The response: the record's right or hallucinated one.
        package var response: String
        /// Whether `response` is the hallucinated one.
        package var hallucinated: Bool
        /// Whether the record is in the fitting half (``isFitting(domain:record:)``).
        package var fitting: Bool
    }

    /// The seed of the split into a fitting and a held-out half.
    package static let splitSeed: UInt64 = 20_251_128

    /// Whether a record is in the fitting half: a seeded SplitMix64 hash of the record index (dialogue keeps the
    /// split its earlier model used), with summarization records offset so the two files split independently.
    package static func isFitting(domain: String, record: Int) -> Bool {
        let offset: UInt64 = domain == "dialogue" ? 0 : 1 << 40
        var generator = SplitMix64(seed: Self.splitSeed ^ (UInt64(record) + offset))
        return generator.next() & 1 == 0
    }

    /// The responses of HaluEval dialogue (JSON Lines: `knowledge`, `dialogue_history`, `right_response`,
    /// `hallucinated_response`), two per record, right first; at most `limit` records.
    package static func dialogue(jsonLines text: String, limit: Int = .max) throws -> [Item] {
        try Self.items(text, limit: limit) { index, record in
            let experience = Experience(
                id: "dialogue-\(index)", input: try Self.field(record, "dialogue_history", index),
                context: try Self.field(record, "knowledge", index), response: "")
            return [
                (experience, try Self.field(record, "right_response", index), false),
                (experience, try Self.field(record, "hallucinated_response", index), true),
            ]
        }.map {
            Item(
                domain: "dialogue", record: $0.0, experience: $0.1, response: $0.2, hallucinated: $0.3,
                fitting: Self.isFitting(domain: "dialogue", record: $0.0))
        }
    }

    /// The responses of HaluEval summarization (JSON Lines: `document`, `right_summary`, `hallucinated_summary`),
    /// two per record, right first, with an empty input; at most `limit` records.
    package static func summarization(jsonLines text: String, limit: Int = .max) throws -> [Item] {
        try Self.items(text, limit: limit) { index, record in
            let experience = Experience(
                id: "summarization-\(index)", input: "", context: try Self.field(record, "document", index),
                response: "")
            return [
                (experience, try Self.field(record, "right_summary", index), false),
                (experience, try Self.field(record, "hallucinated_summary", index), true),
            ]
        }.map {
            Item(
                domain: "summarization", record: $0.0, experience: $0.1, response: $0.2, hallucinated: $0.3,
                fitting: Self.isFitting(domain: "summarization", record: $0.0))
        }
    }

    /// The header of the feature table.
    package static let header =
        "domain\trecord\tsplit\thallucinated\twords\t" + GroundingFeatures.names.joined(separator: "\t") + "\n"

    /// One row of the feature table: the item's identity and label, the response's word count and its features.
    package static func row(_ item: Item, analysis: GroundingAnalysis) -> String {
        let values = analysis.features.values.map { String($0) }.joined(separator: "\t")
        return "\(item.domain)\t\(item.record)\t\(item.fitting ? "fit" : "held")\t\(item.hallucinated ? 1 : 0)\t"
            + "\(analysis.wordCount)\t\(values)\n"
    }

    private static func items(
        _ text: String, limit: Int, _ make: (Int, [String: Any]) throws -> [(Experience, String, Bool)]
    ) throws -> [(Int, Experience, String, Bool)] {
        var items: [(Int, Experience, String, Bool)] = []
        for (index, line) in text.jsonLines(omittingEmptySubsequences: true).prefix(limit).enumerated() {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw VerificationError.invalidLine(index + 1, "not a JSON object")
            }
            items += try make(index, record).map { (index, $0.0, $0.1, $0.2) }
        }
        return items
    }

    private static func field(_ record: [String: Any], _ name: String, _ index: Int) throws -> String {
        guard let value = record[name] as? String else {
            throw VerificationError.invalidLine(index + 1, "missing string field '\(name)'")
        }
        return value
    }
}
