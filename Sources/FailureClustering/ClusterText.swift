import Experiences

/// Which text of a failure is encoded for clustering.
package enum ClusterText: String, Sendable, Hashable, Codable, CaseIterable, NamedCases {
    /// The model's response (what went wrong is usually visible there). The default.
    case response
    /// The user's input (groups failures by what was asked).
    case input
    /// The input and the response, joined by a newline.
    case both

    /// The text of `failure` to encode.
    package func text(of failure: Experience) -> String {
        switch self {
        case .response: failure.response
        case .input: failure.input
        case .both: failure.input + "\n" + failure.response
        }
    }
}

extension ClusterText {
    /// Decodes the raw value; anything else is refused with the accepted values listed.
    package init(from decoder: any Decoder) throws {
        try self.init(namedCaseFrom: decoder)
    }
}
