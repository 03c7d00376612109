/// A prompt version's id, `p_v<family>_<version>` (e.g. `p_v1_3`): family 1 version 3.
///
/// Both numbers are positive decimal integers without leading zeros. Parsing is strict because ids become file
/// names: anything else (`../x`, `p_v1_3.json`, `p_v01_3`) is rejected.
package struct PromptID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The prompt family: a human rewrite starts a new one.
    package let family: Int
    /// The version inside the family, from 1.
    package let version: Int

    /// - Precondition: both numbers are at least 1.
    package init(family: Int, version: Int) {
        precondition(family >= 1 && version >= 1, "prompt family and version start at 1")
        self.family = family
        self.version = version
    }

    /// Parses `p_v<family>_<version>`; `nil` for anything else.
    package init?(_ text: String) {
        guard text.hasPrefix("p_v") else { return nil }
        let parts = text.dropFirst(3).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let family = Self.number(parts[0]), let version = Self.number(parts[1]) else {
            return nil
        }
        self.family = family
        self.version = version
    }

    package var description: String { "p_v\(self.family)_\(self.version)" }

    /// The registry file name, `p_v<family>_<version>.json`.
    package var fileName: String { "\(self.description).json" }

    package static func < (lhs: PromptID, rhs: PromptID) -> Bool {
        (lhs.family, lhs.version) < (rhs.family, rhs.version)
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = PromptID(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a prompt id of the form p_v<family>_<version>")
        }
        self = id
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }

    private static func number(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.count <= 9, digits.first != "0",
            digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int(digits)
    }
}
