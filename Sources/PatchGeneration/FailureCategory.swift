import Foundation
import LanguageModels

/// A way the answers in a failure cluster go wrong, as far as a prompt patch can address it.
///
/// The first five match the simulator's ``LanguageModels/FailureMode``s and the verifier's parts; the other two are
/// sharper readings of hallucination that the data often shows: answering an unanswerable question instead of
/// abstaining, and getting a number wrong. JSON uses the raw values.
package enum FailureCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Unsupported claims: names, numbers or facts the context does not contain.
    case hallucination
    /// An answer invented for a question the context cannot answer, where the right answer is an abstention.
    case missingAbstention = "missing_abstention"
    /// A number that differs from the one the context gives.
    case numberError = "number_error"
    /// Padding past the length budget: restatements, background nobody asked for.
    case verbosity
    /// A broken output format (invalid JSON, a paragraph instead of bullets, an unclosed fence).
    case format
    /// An unneeded refusal of an answerable request.
    case refusal
    /// An answer cut short or missing parts of the question.
    case incomplete

    package static func < (lhs: FailureCategory, rhs: FailureCategory) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }

    /// A readable name for explanations ("missing abstention").
    package var readableName: String {
        String(self.rawValue.map { $0 == "_" ? " " : $0 })
    }

    /// The category a free-text failure label names, if any (e.g. `hallucinated`, `too_long`, `invalid-json`).
    ///
    /// Labels are lowercased, spaces and hyphens become underscores, and the label is matched against synonym
    /// fragments in a fixed order (the more specific readings of hallucination first).
    package init?(label: String) {
        let normalized = String(label.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        for (category, fragments) in Self.labelSynonyms
        where fragments.contains(where: { TextNormalization.containsPhrase(normalized, $0) }) {
            self = category
            return
        }
        return nil
    }

    /// Label fragments per category, most specific first.
    private static let labelSynonyms: [(FailureCategory, [String])] = [
        (
            .missingAbstention,
            ["missing_abstention", "missed_abstention", "unanswerable", "should_abstain", "no_abstention", "abstain"]
        ),
        (.numberError, ["number_error", "numeric", "number", "wrong_figure", "calculation"]),
        (.hallucination, ["hallucinat", "unsupported", "fabricat", "made_up", "invented", "ungrounded", "factual"]),
        (.verbosity, ["verbos", "too_long", "length", "padding", "rambling", "wordy"]),
        (.format, ["format", "json", "malformed", "schema", "parse"]),
        (.refusal, ["refus", "declin", "over_refusal"]),
        (.incomplete, ["incomplet", "truncat", "partial", "cut_off", "missing_part", "unanswered"]),
    ]
}
