/// Why a training request cannot run: the caller's to fix (the service answers 4xx), except `modelFailed`.
package struct TrainingRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable {
        /// The base prompt id is not in the registry.
        case unknownPrompt
        /// The request's values are not acceptable.
        case invalid
        /// The store holds too few of the targeted experiences.
        case notEnoughData
        /// The model failed on every generation the gate needed (not the caller's fault: a 5xx or 502 at the edge).
        case modelFailed
    }

    package var kind: Kind
    package var description: String

    package init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
