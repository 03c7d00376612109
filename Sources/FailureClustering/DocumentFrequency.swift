/// A document-frequency bound (`min_df`, `max_df`) as scikit-learn takes it: a count of documents, or a
/// proportion of them.
///
/// JSON: `{"count": 2}` or `{"proportion": 0.95}` — explicit, because `1` and `1.0` mean very different bounds.
package enum DocumentFrequency: Sendable, Hashable, Codable {
    /// At least/at most this many documents (scikit-learn's integer form, >= 1).
    case count(Int)
    /// At least/at most this share of the documents (scikit-learn's float form, 0...1).
    case proportion(Double)

    /// The bound in documents for a corpus of `documentCount`: `count`, or `proportion * documentCount` (not rounded,
    /// as in scikit-learn).
    package func documents(of documentCount: Int) -> Double {
        switch self {
        case .count(let count): Double(count)
        case .proportion(let proportion): proportion * Double(documentCount)
        }
    }

    func validate(_ name: String) throws {
        switch self {
        case .count(let count) where count < 1:
            throw FailureClusteringError.invalidParameter(name, "a document count must be at least 1, got \(count)")
        case .proportion(let proportion) where !(0...1).contains(proportion):
            throw FailureClusteringError.invalidParameter(name, "a proportion must be in 0...1, got \(proportion)")
        default:
            return
        }
    }

    private enum CodingKeys: String, CodingKey {
        case count, proportion
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let count = try container.decodeIfPresent(Int.self, forKey: .count) {
            self = .count(count)
        } else if let proportion = try container.decodeIfPresent(Double.self, forKey: .proportion) {
            self = .proportion(proportion)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "expected {\"count\": n} or {\"proportion\": p}"))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .count(let count): try container.encode(count, forKey: .count)
        case .proportion(let proportion): try container.encode(proportion, forKey: .proportion)
        }
    }
}
