import Experiences

/// Why candidates could not be ranked.
///
/// A struct over a private enum, so cases can be added without breaking callers. ``isInvalidRequest`` tells the HTTP
/// layer whether the caller is to blame (4xx).
package struct RankingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noCandidates
        case duplicatePatchID(String)
        case invalidWeights(String)
        case missingField(String)
        case emptyPrompt
        case invalidConfiguration(String)
        case outOfRange(name: String, value: Int, allowed: ClosedRange<Int>, unit: String?)
    }

    private let code: Code

    /// The request has no candidates.
    package static let noCandidates = RankingError(code: .noCandidates)

    /// Two candidates share a `patch_id`.
    package static func duplicatePatchID(_ id: String) -> RankingError { RankingError(code: .duplicatePatchID(id)) }

    /// The weights are unusable (negative, not finite, or all zero).
    package static func invalidWeights(_ reason: String) -> RankingError { RankingError(code: .invalidWeights(reason)) }

    /// A request lacks a field the library needs (e.g. `prompt_text` not resolved from `prompt_id`).
    package static func missingField(_ name: String) -> RankingError { RankingError(code: .missingField(name)) }

    /// The base prompt is empty.
    package static let emptyPrompt = RankingError(code: .emptyPrompt)

    /// The ranker's configuration is unusable.
    package static func invalidConfiguration(_ reason: String) -> RankingError {
        RankingError(code: .invalidConfiguration(reason))
    }

    /// A request value outside the range ``RankRequestLimits`` allows; `unit` names what is counted when the value
    /// is a length (`items` for an array).
    package static func outOfRange(
        _ name: String, value: Int, allowed: ClosedRange<Int>, unit: String? = nil
    ) -> RankingError {
        RankingError(code: .outOfRange(name: name, value: value, allowed: allowed, unit: unit))
    }

    /// Whether the caller's request is to blame (map to 4xx).
    package var isInvalidRequest: Bool {
        if case .invalidConfiguration = self.code { return false }
        return true
    }

    package var description: String {
        switch self.code {
        case .noCandidates: "there are no candidates to rank"
        case .duplicatePatchID(let id): "patch_id '\(id.echoed())' appears more than once"
        case .invalidWeights(let reason): "invalid weights: \(reason)"
        case .missingField(let name): "missing required field '\(name)'"
        case .emptyPrompt: "the base prompt is empty"
        case .invalidConfiguration(let reason): "invalid ranker configuration: \(reason)"
        case .outOfRange(let name, let value, let allowed, nil):
            "'\(name)' must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(value)"
        case .outOfRange(let name, let value, let allowed, let unit?):
            "'\(name)' must have between \(allowed.lowerBound) and \(allowed.upperBound) \(unit), got \(value)"
        }
    }
}
