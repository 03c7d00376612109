import Experiences
import Verification

/// The verifier's diagnosis of one failure as weighted terms (`mode:refusal`, `unsupported:number`, ...), the
/// failure-mode block of ``FailureModeEncoder``.
///
/// The diagnosis is read from the failure itself (input, context, reference, response and the `kind`, `format` and
/// `length_budget` metadata the verifier reads), never from `failure_type`, so logs without labels cluster as well.
/// Weights: every failure mode 1 (the worst 2, so one extra finding does not move a failure away from its primary
/// mode); a non-answer's kind, unsupported names, unsupported numbers, an answer over the length budget and a
/// broken format 0.5 each. A failure the verifier finds nothing wrong with gets `mode:none`.
package struct FailureDiagnosisTerms: Sendable, Hashable {
    /// Term → weight, before normalisation.
    package var weights: [String: Double]

    /// Every term a diagnosis can produce, in the order the encoder's columns use.
    package static let vocabulary: [String] =
        ["mode:none"] + ResponseFailure.allCases.map { "mode:" + $0.rawValue } + [
            "kind:abstention", "kind:refusal", "unsupported:name", "unsupported:number", "length:over_budget",
            "format:broken",
        ]

    /// The diagnosis of `failure`'s logged response.
    package init(of failure: Experience, verifier: Verifier) {
        let prepared = verifier.prepare(failure)
        let (verdict, analysis) = verifier.verifyAndAnalyse(output: failure.response, for: prepared)
        var weights: [String: Double] = [:]
        for (position, mode) in verdict.failureModes.enumerated() {
            weights["mode:" + mode.rawValue] = position == 0 ? 2 : 1
        }
        if verdict.failureModes.isEmpty { weights["mode:none"] = 2 }
        if verdict.responseKind.isNonAnswer { weights["kind:" + verdict.responseKind.rawValue] = 0.5 }
        if verdict.responseKind == .answer {
            if !analysis.unsupportedEntities.isEmpty { weights["unsupported:name"] = 0.5 }
            if !analysis.unsupportedNumbers.isEmpty { weights["unsupported:number"] = 0.5 }
        }
        if verdict.parts.length < 1 { weights["length:over_budget"] = 0.5 }
        if let format = verdict.parts.format, format < 1 { weights["format:broken"] = 0.5 }
        self.weights = weights
    }
}
