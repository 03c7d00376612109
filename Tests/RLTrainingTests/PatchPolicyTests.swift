import Foundation
import Randomness
import Testing

@testable import RLTraining

struct PatchPolicyTests {
    @Test func priorFromRankerScores() {
        // Scores [0.6, 0.5], T = 0.1, p₀ = 0.2: softmax([6, 5]) = [e/(e+1), 1/(e+1)] = [0.731059, 0.268941],
        // times 0.8 = [0.5848468629040039, 0.2151531370959961]; "no patch" keeps 0.2.
        let prior = PatchPolicy(rankerScores: [[0.6, 0.5], []])
        let probabilities = prior.probabilities
        #expect(
            zip(probabilities[0], [0.2, 0.5848468629040039, 0.2151531370959961]).allSatisfy { abs($0 - $1) < 1e-12 }
        )
        #expect(probabilities[1] == [1])
        #expect(prior.choiceCounts == [3, 1])
        #expect(prior.variantCount == 3)
        #expect(prior.mostProbableVariant == Variant([1, 0]))
    }

    @Test func priorSurvivesHugeScoreGaps() {
        let prior = PatchPolicy(rankerScores: [[1000, 0, -1000]], configuration: PriorConfiguration(temperature: 0.01))
        let probabilities = prior.probabilities[0]
        #expect(prior.logits[0].allSatisfy { $0.isFinite })
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(abs(probabilities[0] - 0.2) < 1e-12)
        #expect(abs(probabilities[1] - 0.8) < 1e-12)
    }

    @Test func logProbabilityIsTheSumOverClusters() {
        let policy = PatchPolicy(probabilities: [[0.5, 0.5], [0.5, 0.3, 0.2]])
        // π([1, 2]) = 0.5 · 0.2 = 0.1.
        #expect(abs(policy.probability(of: Variant([1, 2])) - 0.1) < 1e-12)
        #expect(abs(policy.logProbability(of: Variant([0, 1])) - Foundation.log(0.15)) < 1e-12)
    }

    @Test func samplingFollowsTheProbabilities() {
        let policy = PatchPolicy(probabilities: [[0.1, 0.6, 0.3], [0.5, 0.5]])
        var rng = SplitMix64(seed: 7)
        var counts = [[Int]](arrayLiteral: [0, 0, 0], [0, 0])
        let draws = 20_000
        for _ in 0..<draws {
            let variant = policy.sample(using: &rng)
            counts[0][variant[0]] += 1
            counts[1][variant[1]] += 1
        }
        // Binomial standard error at n = 20000 is at most 0.0036; allow 4 of them.
        for (cluster, expected) in [[0.1, 0.6, 0.3], [0.5, 0.5]].enumerated() {
            for (index, probability) in expected.enumerated() {
                #expect(abs(Double(counts[cluster][index]) / Double(draws) - probability) < 0.015)
            }
        }
    }

    @Test func argmaxTiesGoToNoPatch() {
        let policy = PatchPolicy(logits: [[1, 1, 0], [0, 2, 2]])
        #expect(policy.mostProbableVariant == Variant([0, 1]))
    }
}
