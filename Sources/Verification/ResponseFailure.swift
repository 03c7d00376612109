/// A way a response fails its request, as the verifier diagnoses it (the `failure_modes` of a ``Verdict``).
///
/// A verdict with any failure mode is not a success, whatever its reward; the reward's bands order the modes (see
/// ``RewardBands`` and `Docs/verifier.md`). The raw values are the JSON and label names.
package enum ResponseFailure: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// An unsupported claim: a name, number or content the context and input do not support.
    case hallucination
    /// An answer where the context cannot answer: the right response was an abstention.
    case missedAbstention = "missed_abstention"
    /// An answerable request declined ("I can't help with that", or "I don't know" when the context says).
    case refusal
    /// The response does not address the request: it repeats the question, asks one back, or changes the subject.
    case unanswered
    /// An answer cut short: much shorter than the reference, or stopping mid-sentence.
    case incomplete
    /// Past the length budget.
    case verbose
    /// The required output format is broken.
    case format

    /// Worst first: the order in which a verdict lists its modes (the first is the primary label).
    package static func < (lhs: ResponseFailure, rhs: ResponseFailure) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}

/// What kind of response an output is, read from its wording before its grounding.
package enum ResponseKind: String, Sendable, Hashable, Codable {
    /// It answers (rightly or wrongly).
    case answer
    /// It says the information is not there ("I don't know", "the context does not mention ...").
    case abstention
    /// It declines ("I'm sorry, but I can't help with that").
    case refusal

    /// An abstention or a refusal: the response gives no answer.
    package var isNonAnswer: Bool { self != .answer }
}
