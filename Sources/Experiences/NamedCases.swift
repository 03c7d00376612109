/// A string enum whose decoding error lists the accepted values: `must be one of: response, input, both; got
/// 'x'`, where the synthesized one says `Cannot initialize ClusterText from invalid String value x`, a Swift type
/// name the caller cannot act on. Conforming types call ``init(namedCaseFrom:)`` from their `init(from:)`.
package protocol NamedCases: RawRepresentable, CaseIterable where RawValue == String {}

extension NamedCases {
    /// Decodes one of the cases by its raw value.
    /// - Throws: `DecodingError.dataCorrupted` at the field, listing the accepted values.
    package init(namedCaseFrom decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "must be one of: \(Self.allCases.map(\.rawValue).joined(separator: ", ")); got '\(text.echoed())'")
        }
        self = value
    }
}
