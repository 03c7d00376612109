/// Why a training request cannot run: each is the caller's to fix (the service answers 4xx).
package struct TrainingRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable {
        /// The base prompt id is not in the registry.
        case unknownPrompt
        /// The request's values are not acceptable.
        case invalid
        /// The store holds too few of the targeted experiences.
        case notEnoughData
    }

    package var kind: Kind
    package var description: String

    package init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
