import Foundation
import Verification

/// Turns a verifier's verdict into the `success` flag and `failure_type` label the online side would log.
///
/// The rule, first match wins (`answerable` means the question's kind is not `unanswerable`):
/// 1. the verdict flags a hallucination → `hallucination`;
/// 2. the response is a refusal ("I can't help…", "I'm unable to…") to an answerable question → `refusal`;
/// 3. the `format` part is below ``formatThreshold`` → `format`;
/// 4. the `length` part is below ``lengthThreshold`` → `verbosity`;
/// 5. the `reference` part is below ``referenceThreshold`` and the response has fewer than ``shortAnswerRatio``
///    times the reference's words → `incomplete`;
/// 6. the reward is below ``failureThreshold`` → `low_reward`;
/// otherwise no label. An interaction succeeds exactly when it gets no label, so `success` means "reward at least
/// the failure threshold, not flagged, and no visible defect". The thresholds catch what the simulator's failure
/// modes produce (e.g. an answer cut to 40% of the reference's words has reference F1 near 0.57, a padded answer of
/// 320 words has length part 0.4 under the default budget of 200).
package struct FailureLabeler: Sendable, Hashable {
    /// The reward below which an unlabelled interaction still fails (`low_reward`). Default 0.5.
    package var failureThreshold: Double
    /// The format part below which the answer is labelled `format`. Default 0.5.
    package var formatThreshold: Double
    /// The length part below which the answer is labelled `verbosity`. Default 0.9 (10% of the budget over it).
    package var lengthThreshold: Double
    /// The reference part below which a short answer is labelled `incomplete`. Default 0.8.
    package var referenceThreshold: Double
    /// An answer is short when it has fewer than this share of the reference's words. Default 0.75.
    package var shortAnswerRatio: Double

    /// Creates a labeller; every threshold has a default.
    package init(
        failureThreshold: Double = 0.5,
        formatThreshold: Double = 0.5,
        lengthThreshold: Double = 0.9,
        referenceThreshold: Double = 0.8,
        shortAnswerRatio: Double = 0.75
    ) {
        self.failureThreshold = failureThreshold
        self.formatThreshold = formatThreshold
        self.lengthThreshold = lengthThreshold
        self.referenceThreshold = referenceThreshold
        self.shortAnswerRatio = shortAnswerRatio
    }

    /// Phrases that mark a refusal (matched lowercased, with curly apostrophes straightened).
    package static let refusalPhrases = [
        "i can't help", "i cannot help", "i can't assist", "i cannot assist", "i'm unable to", "i am unable to",
        "i won't be able to", "i can't answer", "i cannot answer", "i'm not able to help",
    ]

    /// The failure label for a response, or `nil` when the interaction succeeds.
    ///
    /// - Parameters:
    ///   - verdict: the verifier's verdict on `response`.
    ///   - response: the scored output.
    ///   - reference: the question's reference answer, if any.
    ///   - kind: the question's kind (`metadata.kind`); only `unanswerable` changes the rule.
    package func label(verdict: Verdict, response: String, reference: String?, kind: String?) -> String? {
        if verdict.hallucination { return "hallucination" }
        if kind != "unanswerable" && Self.isRefusal(response) { return "refusal" }
        if let format = verdict.parts.format, format < self.formatThreshold { return "format" }
        if verdict.parts.length < self.lengthThreshold { return "verbosity" }
        if let agreement = verdict.parts.reference, agreement < self.referenceThreshold, let reference {
            let words = Self.wordCount(response)
            if Double(words) < self.shortAnswerRatio * Double(Self.wordCount(reference)) { return "incomplete" }
        }
        if verdict.reward < self.failureThreshold { return "low_reward" }
        return nil
    }

    /// Whether `text` reads as a refusal.
    package static func isRefusal(_ text: String) -> Bool {
        let lowered = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        return Self.refusalPhrases.contains { lowered.contains($0) }
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }
}
