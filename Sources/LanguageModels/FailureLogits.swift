/// Additive logits per failure mode (missing modes are 0), as a JSON object such as
/// `{"hallucination": -1.5, "refusal": 0.8}`.
///
/// Decoding rejects unknown mode names and non-finite numbers, so a typo in an effect file is an error, not a
/// silently ignored effect.
package struct FailureLogits: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// The logits that are set; a missing mode counts as 0.
    package private(set) var values: [FailureMode: Double]

    /// Creates logits from a dictionary.
    package init(_ values: [FailureMode: Double] = [:]) {
        self.values = values
    }

    package init(dictionaryLiteral elements: (FailureMode, Double)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The logit of `mode` (0 when unset).
    package subscript(mode: FailureMode) -> Double {
        get { self.values[mode] ?? 0 }
        set { self.values[mode] = newValue }
    }

    /// Whether every logit is zero (an instruction with such effects changes nothing).
    package var isZero: Bool { self.values.values.allSatisfy { $0 == 0 } }

    /// The mode-wise sum, so effects combine additively.
    package static func + (lhs: FailureLogits, rhs: FailureLogits) -> FailureLogits {
        var sum = lhs
        for (mode, value) in rhs.values { sum[mode] += value }
        return sum
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: Double].self)
        var values: [FailureMode: Double] = [:]
        for (key, value) in raw {
            guard let mode = FailureMode(rawValue: key) else {
                let known = FailureMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "unknown failure mode '\(key)' (expected one of: \(known))")
            }
            guard value.isFinite else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "logit for '\(key)' is not a finite number")
            }
            values[mode] = value
        }
        self.values = values
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let raw = Dictionary(uniqueKeysWithValues: self.values.map { ($0.key.rawValue, $0.value) })
        try container.encode(raw)
    }
}
