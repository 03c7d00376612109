import Foundation
import TrainingScenarios

/// A scenario as the comparison runs it: the simulator's scenario, and the noise added to every reward.
struct ComparedScenario: Sendable {
    var name: String
    var scenario: Scenario
    /// The standard deviation of zero-mean Gaussian noise added to each rollout's reward, drawn independently per
    /// (variant, experience, draw): it does not change any variant's expected reward, but unlike the simulator's own
    /// randomness it is not shared by the variants compared on one experience. 0 for none.
    var rewardNoise: Double = 0

    /// The ten scenarios of the comparison (Benchmarks/README.md).
    static let catalogue: [ComparedScenario] = [
        ComparedScenario(name: "ranker-misled", scenario: .rankerMisled(scale: 3)),
        ComparedScenario(name: "abstention-trade-off", scenario: .abstentionTradeOff(scale: 3)),
        ComparedScenario(name: "wide-256", scenario: .wide(scale: 3)),
        ComparedScenario(name: "tiny-3", scenario: .tiny(scale: 3)),
        ComparedScenario(name: "mid-30", scenario: .mid(scale: 3)),
        ComparedScenario(name: "large-300", scenario: .large(scale: 3)),
        ComparedScenario(name: "cluster-trade-off", scenario: .clusterTradeOff(scale: 3)),
        ComparedScenario(name: "noisy ranker-misled (sd 0.3)", scenario: .rankerMisled(scale: 3), rewardNoise: 0.3),
        ComparedScenario(name: "noisy mid-30 (sd 0.3)", scenario: .mid(scale: 3), rewardNoise: 0.3),
        ComparedScenario(name: "noisy wide-256 (sd 0.3)", scenario: .wide(scale: 3), rewardNoise: 0.3),
    ]
}
