import Experiences
import PatchGeneration
import Prompts
import RLTraining

/// What the load step gives the later steps.
struct TrainingData: Sendable {
    /// Train and held-out experiences.
    var split: DataSplit
    /// Successes in neither part, for the gate's guardrails alone (``TrainerConfiguration/guardrailSuccesses``).
    var guardrailSample: [Experience]
    /// The system prompt of every variant.
    var prompts: VariantPrompts
    var clusterIDs: [String]
    /// The policy GRPO starts from: the ranker's scores.
    var prior: PatchPolicy
    /// How many distinct member ids the clusters list, and how many of them the store does not hold (deleted since
    /// the clustering, or an inline cluster's ids from another store): those are left out, and the result says so.
    var memberCount = 0
    var missingMembers = 0

    /// The calls the gate adds once the gain passes: both prompts on each of `guardrailSample` (`nil` when empty).
    var guardrailRollouts: Int? { self.guardrailSample.isEmpty ? nil : 2 * self.guardrailSample.count }
}

extension TrainingRun {
    /// Step 1: the targeted clusters' failures, a seeded sample of successes (of the base prompt's experiences, or
    /// of any when it has none), a seeded train / held-out split, the variants' prompts and the ranker's prior.
    /// - Throws: ``TrainingRequestError`` with `notEnoughData` when too few experiences are in the store.
    func load(progress: Progress) async throws -> TrainingData {
        progress(TrainingProgress(phase: .loading, step: 0, steps: self.steps, rollouts: 0, tokens: 0, curve: []))
        let store = self.trainer.store
        let memberIDs = Array(Set(self.request.clusters.flatMap(\.cluster.memberIDs))).sorted()
        let failures = try await store.experiences(ids: memberIDs)
        guard failures.count >= 2 else {
            throw TrainingRequestError.notEnoughData(
                "only \(failures.count) of the clusters' \(memberIDs.count) member experiences are in the store")
        }
        let successRatio = self.request.successRatio ?? self.configuration.successRatio
        let successCount = Int((Double(failures.count) * successRatio).rounded())
        // One sample serves both: its first `successCount` are the split's successes (the seeded sample is a prefix
        // of any larger one), the rest the guardrails' extra sample.
        let sampled = successCount + (self.request.guardrailSuccesses ?? self.configuration.guardrailSuccesses)
        var successes = try await store.sampleSuccesses(
            ExperienceQuery(promptID: self.base.id.description), count: sampled, seed: self.seed)
        if successes.isEmpty && sampled > 0 {
            successes = try await store.sampleSuccesses(ExperienceQuery(), count: sampled, seed: self.seed)
        }
        let guardrailSample = Array(successes.dropFirst(successCount))
        successes = Array(successes.prefix(successCount))
        let split = DataSplit(
            failures: failures, successes: successes,
            heldOutFraction: self.request.heldOutFraction ?? self.configuration.heldOutFraction, seed: self.seed)
        guard !split.train.isEmpty, !split.heldOut.isEmpty else {
            throw TrainingRequestError.notEnoughData("too few experiences to hold some out")
        }
        var data = TrainingData(
            split: split, guardrailSample: guardrailSample,
            prompts: VariantPrompts(
                base: self.base.text, clusters: self.request.clusters.map { $0.candidates.map(\.candidate) }),
            clusterIDs: self.request.clusters.map(\.cluster.clusterID),
            prior: PatchPolicy(
                rankerScores: self.request.clusters.map { choices in
                    choices.candidates.enumerated().map { index, choice in
                        choice.score ?? self.configuration.unscoredPrior(at: index)
                    }
                }))
        data.memberCount = memberIDs.count
        data.missingMembers = memberIDs.count - failures.count
        return data
    }
}
