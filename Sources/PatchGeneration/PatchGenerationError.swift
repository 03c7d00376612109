import Experiences

/// Why patches could not be generated.
///
/// A struct over a private enum, so cases can be added without breaking callers. ``isInvalidRequest`` tells the HTTP
/// layer whether the caller is to blame (4xx) or the language model failed (5xx).
package struct PatchGenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case emptyCluster(String)
        case countOutOfRange(Int, ClosedRange<Int>)
        case emptyPrompt
        case missingField(String)
        case notEnoughCandidates(found: Int, requested: Int, skipped: [String])
        case modelNotConfigured
        case modelFailed(attempts: Int, reasons: [String])
        case invalidConfiguration(String)
    }

    private let code: Code

    /// The cluster has size 0, or neither representatives nor member ids.
    package static func emptyCluster(_ clusterID: String) -> PatchGenerationError {
        PatchGenerationError(code: .emptyCluster(clusterID))
    }

    /// The requested count is outside the allowed range (3...5).
    package static func countOutOfRange(_ count: Int, allowed: ClosedRange<Int>) -> PatchGenerationError {
        PatchGenerationError(code: .countOutOfRange(count, allowed))
    }

    /// The prompt to patch is empty or only whitespace.
    package static let emptyPrompt = PatchGenerationError(code: .emptyPrompt)

    /// A request lacks a field the library needs (e.g. `prompt_text` not resolved from `prompt_id`).
    package static func missingField(_ name: String) -> PatchGenerationError {
        PatchGenerationError(code: .missingField(name))
    }

    /// Fewer distinct, non-duplicating patches apply than were asked for.
    package static func notEnoughCandidates(found: Int, requested: Int, skipped: [String]) -> PatchGenerationError {
        PatchGenerationError(code: .notEnoughCandidates(found: found, requested: requested, skipped: skipped))
    }

    /// LLM mode was asked for but no language model is configured.
    package static let modelNotConfigured = PatchGenerationError(code: .modelNotConfigured)

    /// The language model gave no usable answer within the allowed attempts.
    package static func modelFailed(attempts: Int, reasons: [String]) -> PatchGenerationError {
        PatchGenerationError(code: .modelFailed(attempts: attempts, reasons: reasons))
    }

    /// The generator's configuration is unusable.
    package static func invalidConfiguration(_ reason: String) -> PatchGenerationError {
        PatchGenerationError(code: .invalidConfiguration(reason))
    }

    /// Whether the caller's request is to blame (map to 4xx); `false` for model failures and configuration errors.
    package var isInvalidRequest: Bool {
        switch self.code {
        case .emptyCluster, .countOutOfRange, .emptyPrompt, .missingField, .notEnoughCandidates, .modelNotConfigured:
            true
        case .modelFailed, .invalidConfiguration:
            false
        }
    }

    /// Whether the language model failed (map to 502).
    package var isModelFailure: Bool {
        if case .modelFailed = self.code { return true }
        return false
    }

    package var description: String {
        switch self.code {
        case .emptyCluster(let id):
            "cluster '\(id.echoed())' is empty: it needs a size above 0 and at least one representative or member id"
        case .countOutOfRange(let count, let allowed):
            "count must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(count)"
        case .emptyPrompt:
            "the prompt to patch is empty"
        case .missingField(let name):
            "missing required field '\(name)'"
        case .notEnoughCandidates(let found, let requested, let skipped):
            "only \(found) distinct patch(es) apply to this prompt and cluster, \(requested) requested"
                + (skipped.isEmpty ? "" : " (skipped: " + skipped.joined(separator: "; ") + ")")
        case .modelNotConfigured:
            "mode 'llm' needs a language model; none is configured (use mode 'template')"
        case .modelFailed(let attempts, let reasons):
            "the language model gave no usable patches in \(attempts) attempt(s): "
                + reasons.suffix(5).joined(separator: "; ")
        case .invalidConfiguration(let reason):
            "invalid patch generator configuration: \(reason)"
        }
    }
}
