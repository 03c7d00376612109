import Experiences

/// Why a model stopped writing one output: the OpenAI protocol's `finish_reason`.
///
/// The verifier reads one value: ``length``, an output the token cap cut, is `incomplete` however it ends. Its text
/// alone often cannot tell: "The Ghent" cut from "The Ghent store has 40 parking spaces." reads as a finished
/// fragment. Any other value the server sends is kept as it came.
package struct FinishReason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    package var rawValue: String

    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The model ended its answer itself (or met a stop sequence).
    package static let stop = FinishReason(rawValue: "stop")
    /// The output reached the request's `max_tokens` (or the model's context) and was cut there.
    package static let length = FinishReason(rawValue: "length")

    package var description: String { self.rawValue }
}

extension Experience {
    /// The metadata key a logged response's finish reason is kept under (`finish_reason`, as in the OpenAI protocol).
    package static let finishReasonKey = "finish_reason"

    /// Why the logged response ended, from `metadata.finish_reason` when it is a string.
    package var loggedFinishReason: FinishReason? {
        self.metadata[Self.finishReasonKey]?.stringValue.map(FinishReason.init(rawValue:))
    }
}
