/// One point of the training curve, reported after each step.
///
/// JSON is snake_case (`mean_reward`, `kl_divergence`, ...), as every other service answer. Decoding also accepts
/// the camelCase keys written before (`meanReward`), so training jobs stored by an older build still read back.
package struct TrainingCurvePoint: Sendable, Hashable, Codable {
    /// The step's number, from 1.
    package var step: Int
    /// The groups (experiences) in the step's batch.
    package var groups: Int
    /// The mean reward over the step's rollouts (sampled from the policy before the update).
    package var meanReward: Double
    /// The exact `KL(π_θ ‖ π_ref)` after the update.
    package var klDivergence: Double
    /// The clipped surrogate after the update (see `UpdateStatistics.surrogate`).
    package var surrogate: Double
    /// `surrogate − β · KL` after the update.
    package var objective: Double
    /// The share of the step's groups skipped for zero spread.
    package var zeroSpreadShare: Double
    /// Reward calls made so far in the run.
    package var rollouts: Int
    /// Tokens reported so far in the run.
    package var tokens: Int
    /// The policy's probabilities per cluster after the update (`[c][0]` is "no patch").
    package var probabilities: [[Double]]

    /// Creates a point.
    package init(
        step: Int,
        groups: Int,
        meanReward: Double,
        klDivergence: Double,
        surrogate: Double,
        objective: Double,
        zeroSpreadShare: Double,
        rollouts: Int,
        tokens: Int,
        probabilities: [[Double]]
    ) {
        self.step = step
        self.groups = groups
        self.meanReward = meanReward
        self.klDivergence = klDivergence
        self.surrogate = surrogate
        self.objective = objective
        self.zeroSpreadShare = zeroSpreadShare
        self.rollouts = rollouts
        self.tokens = tokens
        self.probabilities = probabilities
    }

    enum CodingKeys: String, CodingKey {
        case step, groups
        case meanReward = "mean_reward"
        case klDivergence = "kl_divergence"
        case surrogate, objective
        case zeroSpreadShare = "zero_spread_share"
        case rollouts, tokens, probabilities
    }

    /// The camelCase spelling an older build wrote for a key (`mean_reward` → `meanReward`).
    struct LegacyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        init(_ key: CodingKeys) {
            let parts = key.rawValue.split(separator: "_")
            self.stringValue =
                String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let legacy = try decoder.container(keyedBy: LegacyKey.self)
        func value<T: Decodable>(_ key: CodingKeys) throws -> T {
            if container.contains(key) || !legacy.contains(LegacyKey(key)) {
                return try container.decode(T.self, forKey: key)
            }
            return try legacy.decode(T.self, forKey: LegacyKey(key))
        }
        self.init(
            step: try value(.step), groups: try value(.groups), meanReward: try value(.meanReward),
            klDivergence: try value(.klDivergence), surrogate: try value(.surrogate), objective: try value(.objective),
            zeroSpreadShare: try value(.zeroSpreadShare), rollouts: try value(.rollouts), tokens: try value(.tokens),
            probabilities: try value(.probabilities))
    }
}
