import Synchronization
import Testing

@testable import RLTraining

/// Candidate evolution inside the GRPO loop: the Pareto pool keeps every variant that is best somewhere, an added
/// candidate joins the policy with its parent's logit, and a run can reach a variant that did not exist when it
/// started.
struct CandidateEvolutionTrainerTests {
    static func sample(_ reward: Double) -> RewardSample {
        RewardSample(reward: reward, findings: reward < 0.5 ? ["refusal"] : [])
    }

    @Test func thePoolKeepsWhatIsBestSomewhereAndDropsWhatIsBeatenEverywhere() {
        var pool = ParetoPool(clusterCount: 1, minimumRollouts: 2)
        let means: [(Variant, Double?, Double?)] = [
            (Variant([1]), 0.9, 0.2),  // best on the cluster
            (Variant([2]), 0.3, 0.8),  // best on the rest
            (Variant([0]), 0.2, 0.1),  // beaten by both everywhere
            (Variant([3]), 0.5, nil),  // measured on the cluster only, beaten there
        ]
        for (variant, cluster, rest) in means {
            for _ in 0..<2 {
                if let cluster { pool.record(variant, cluster: 0, index: 0, sample: Self.sample(cluster)) }
                if let rest { pool.record(variant, cluster: nil, index: 1, sample: Self.sample(rest)) }
            }
        }
        // One lucky rollout is not a measurement.
        pool.record(Variant([4]), cluster: 0, index: 0, sample: Self.sample(1))
        #expect(pool.members == [Variant([1]), Variant([2])])
        #expect(pool.ranked(on: 0, among: pool.members) == [Variant([1]), Variant([2])])
        #expect(pool.record(of: Variant([0]), cluster: 0).failingRollouts == 2)
        #expect(pool.record(of: Variant([0]), cluster: 0).findings == ["refusal": 2])
    }

    @Test func anAddedChoiceStartsAsItsParentWithoutMomentum() {
        var trainer = GRPOTrainer(prior: PatchPolicy(rankerScores: [[0.9, 0.5], [0.7]]))
        let parentProbability = trainer.policy.probabilities(cluster: 0)[1]
        trainer.addChoice(cluster: 0, copying: 1)
        #expect(trainer.policy.choiceCounts == [4, 2])
        #expect(trainer.reference.choiceCounts == [4, 2])
        let probabilities = trainer.policy.probabilities(cluster: 0)
        #expect(abs(probabilities[3] - probabilities[1]) < 1e-12)
        #expect(probabilities[1] < parentProbability)
        #expect(trainer.optimizer.firstMoment.count == trainer.policy.parameterCount)
        #expect(trainer.policy.klDivergence(from: trainer.reference) < 1e-12)
    }

    /// Two clusters; the experiences of the second are answered well only by a choice that does not exist yet,
    /// which the evolution hook adds when asked about that cluster.
    static func run(evolve: Bool) async throws -> (TrainingOutcome, [EvolutionEvidence]) {
        let asked = Mutex<[EvolutionEvidence]>([])
        let evolution = CandidateEvolution(
            maxCandidates: 2, cluster: { $0 % 2 },
            propose: { evidence in
                // One candidate, for the second cluster: the first time it is asked about it.
                asked.withLock { asked in
                    defer { asked.append(evidence) }
                    return evidence.cluster == 1 && !asked.contains { $0.cluster == 1 }
                }
            })
        let configuration = GRPOConfiguration(steps: 20, rolloutBudget: 1280, seed: 7)
        let outcome = try await GRPOTrainer(
            prior: PatchPolicy(rankerScores: [[0.8, 0.7], [0.8, 0.7]]), configuration: configuration
        )
        .train(
            experienceCount: 40,
            reward: { variant, experience in
                experience % 2 == 0 ? Self.sample(variant[0] == 1 ? 1 : 0) : Self.sample(variant[1] == 3 ? 1 : 0)
            },
            evolution: evolve ? evolution : nil)
        return (outcome, asked.withLock { $0 })
    }

    @Test func aRunReachesTheVariantOnlyAnEvolvedCandidateMakes() async throws {
        let (off, offAsked) = try await Self.run(evolve: false)
        #expect(offAsked.isEmpty && off.evolvedCandidates == 0 && off.paretoPool.isEmpty)
        #expect(off.policy.choiceCounts == [3, 3])

        let (on, asked) = try await Self.run(evolve: true)
        #expect(on.evolvedCandidates == 1)
        #expect(on.policy.choiceCounts == [3, 4])
        #expect(on.variant == Variant([1, 3]), "\(on.policy.probabilities)")
        #expect(on.rollouts <= 1280)
        // Asked about the second cluster from a parent that failed there, with the failures counted.
        let first = try #require(asked.first { $0.cluster == 1 })
        #expect(first.failingRollouts >= 3 && first.findings["refusal"] == first.failingRollouts)
        #expect(first.pool.contains(first.parent))
        #expect(on.paretoPool.contains(Variant([1, 3])))
    }
}
