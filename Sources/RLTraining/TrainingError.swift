/// An error from a training run or a baseline that is not the reward function's own.
package struct TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case nonFiniteReward
    }

    private let code: Code
    /// Which call produced it (variant and experience index), when known.
    package let detail: String

    private init(_ code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// The reward function returned NaN or an infinity, which no advantage can be computed from.
    package static let nonFiniteReward = TrainingError(.nonFiniteReward, detail: "")

    static func nonFiniteReward(variant: Variant, experience: Int) -> TrainingError {
        TrainingError(.nonFiniteReward, detail: "variant \(variant) on experience \(experience)")
    }

    /// Errors compare by kind, not detail, so `#expect(throws: TrainingError.nonFiniteReward)` matches any.
    package static func == (lhs: TrainingError, rhs: TrainingError) -> Bool { lhs.code == rhs.code }

    package func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    package var description: String {
        switch self.code {
        case .nonFiniteReward: "the reward function returned a non-finite reward (\(self.detail))"
        }
    }
}
