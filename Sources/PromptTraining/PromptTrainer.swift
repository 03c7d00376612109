import Experiences
import Foundation
import LanguageModels
import PatchGeneration
import Prompts
import RLTraining
import Randomness
import Synchronization
import Verification

/// The RL trainer's stage: tests ranked patches on logged experiences with GRPO, compares the result with the base
/// prompt on held-out experiences, and writes a new prompt version only when the gain is real.
///
/// Data: the targeted clusters' failures plus a seeded sample of successes (so a patch that breaks what worked
/// shows up as lost reward), split into train and held-out parts by a seeded shuffle. Every model call for an
/// experience uses a seed derived from the job seed and the experience id, so two prompts answered on the same
/// experience differ only by the prompt (common random numbers), which makes comparisons paired.
package struct PromptTrainer: Sendable {
    package var model: any LanguageModel
    /// What "better" means: the verifier by default, or any other reward model.
    package var rewardModel: any RewardModel
    package var store: any ExperienceStore
    package var registry: PromptRegistry
    package var configuration: TrainerConfiguration
    /// Checked before every model call; when it returns `true` the run stops with `CancellationError` and writes
    /// nothing. Lets a job manager cancel a job without cancelling its task.
    package var cancellation: @Sendable () -> Bool = { false }
    /// The model asked to reflect when a job evolves candidates in LLM mode (`evolve_mode: llm`); `nil` when there
    /// is none (the simulator answers questions, it cannot write patches), and such jobs are refused.
    package var reflectionModel: (any LanguageModel)?

    package init(
        model: any LanguageModel, rewardModel: any RewardModel, store: any ExperienceStore, registry: PromptRegistry,
        configuration: TrainerConfiguration = TrainerConfiguration()
    ) {
        self.model = model
        self.rewardModel = rewardModel
        self.store = store
        self.registry = registry
        self.configuration = configuration
    }

    /// Checks a request before any work: the base prompt exists, every cluster has an id, and every candidate passes
    /// the checks LLM mode applies to a model's patches (``PatchGeneration/PatchAdmission``: the injection guard, no
    /// address or credential, a known target, an anchor that exists, `prompt_text` matching), since a caller may send
    /// candidates it wrote itself and only checked text may reach the registry.
    /// - Throws: ``TrainingRequestError``.
    package func validate(_ request: TrainingRequest) throws -> PromptVersion {
        guard let id = PromptID(request.basePromptID) else {
            // Not even `latest`: the candidates are edits of one version's text, so the job names that version.
            let hint =
                request.basePromptID == "latest"
                ? "; name the version the candidates were written against (GET /api/v1/prompts/latest says which is newest)"
                : ""
            throw TrainingRequestError.invalid(
                "'\(request.basePromptID.echoed())' is not a prompt id (p_v<family>_<version>)\(hint)")
        }
        let base: PromptVersion
        do {
            base = try self.registry.version(id)
        } catch let error as RegistryError where error.isNotFound {
            throw TrainingRequestError.unknownPrompt("no prompt version \(id) in the registry")
        }
        guard !request.clusters.isEmpty else { throw TrainingRequestError.invalid("'clusters' must not be empty") }
        guard Set(request.clusters.map(\.cluster.clusterID)).count == request.clusters.count else {
            throw TrainingRequestError.invalid("each cluster may appear once")
        }
        for choices in request.clusters {
            guard !choices.cluster.memberIDs.isEmpty else {
                throw TrainingRequestError.invalid("cluster \(choices.cluster.clusterID) has no member_ids")
            }
            // A cluster copied from a clustering response lists only the first member ids inline (1,000); training
            // on those alone would quietly leave the rest of the cluster out.
            let listed = Set(choices.cluster.memberIDs).count
            guard listed >= choices.cluster.size else {
                throw TrainingRequestError.invalid(
                    "cluster \(choices.cluster.clusterID) lists \(listed) of its \(choices.cluster.size) member ids (a clustering response lists only the first ones inline); name the cluster by clustering_id and cluster_id, or give every member id"
                )
            }
            guard !choices.candidates.isEmpty else {
                throw TrainingRequestError.invalid("cluster \(choices.cluster.clusterID) has no candidates")
            }
        }
        func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws {
            if let value, !range.contains(value) {
                throw TrainingRequestError.invalid(
                    "'\(name)' must be between \(range.lowerBound) and \(range.upperBound)")
            }
        }
        try check(request.groupSize, "group_size", TrainingRequestLimits.groupSize)
        try check(request.batchSize, "batch_size", TrainingRequestLimits.batchSize)
        try check(request.steps, "steps", TrainingRequestLimits.steps)
        try check(request.budget?.rollouts, "budget.rollouts", TrainingRequestLimits.rollouts)
        try check(request.budget?.tokens, "budget.tokens", TrainingRequestLimits.tokens)
        try check(request.maxEvolvedCandidates, "max_evolved_candidates", TrainingRequestLimits.evolvedCandidates)
        try check(request.guardrailSuccesses, "guardrail_successes", TrainingRequestLimits.guardrailSuccesses)
        try check(request.heldOutAnswers, "held_out_answers", TrainingRequestLimits.heldOutAnswers)
        if request.evolve == true, let allocation = request.allocation, allocation != .policy {
            throw TrainingRequestError.invalid(
                "'evolve' needs the policy allocation; leave 'allocation' out or set it to policy, or leave 'evolve' out"
            )
        }
        if request.evolveMode != nil && request.evolve != true {
            throw TrainingRequestError.invalid("'evolve_mode' needs 'evolve': true")
        }
        if request.evolveMode == .llm && self.reflectionModel == nil {
            throw TrainingRequestError.invalid(
                "'evolve_mode' llm needs a language model endpoint (KAIZEN_LLM_BASE_URL): the simulator cannot write patches; use template"
            )
        }
        let planned =
            (request.steps ?? self.configuration.steps) * (request.groupSize ?? self.configuration.groupSize)
            * (request.batchSize ?? self.configuration.batchSize)
        if min(planned, request.budget?.rollouts ?? planned) > TrainingRequestLimits.trainingRollouts {
            throw TrainingRequestError.invalid(
                "steps × group_size × batch_size plans \(planned) training rollouts, above the limit of \(TrainingRequestLimits.trainingRollouts) per job; lower 'steps', 'group_size' or 'batch_size', or cap the job with 'budget.rollouts'"
            )
        }
        let fractionBounds = TrainingRequestLimits.heldOutFraction
        if let fraction = request.heldOutFraction, !(fraction > fractionBounds.above && fraction < fractionBounds.below)
        {
            throw TrainingRequestError.invalid(
                "'held_out_fraction' must be between \(fractionBounds.above.shortText) and \(fractionBounds.below.shortText)"
            )
        }
        let ratios = TrainingRequestLimits.successRatio
        if let ratio = request.successRatio, !ratios.contains(ratio) {
            throw TrainingRequestError.invalid(
                "'success_ratio' must be between \(ratios.lowerBound.shortText) and \(ratios.upperBound.shortText)")
        }
        if let gain = request.minGain, !gain.isFinite {
            throw TrainingRequestError.invalid("'min_gain' must be a number")
        }
        try Self.admit(request.clusters, to: base)
        return base
    }

    /// Refuses the first candidate that ``PatchGeneration/PatchAdmission`` would not let into `base`, naming it,
    /// its cluster and the reason.
    static func admit(_ clusters: [ClusterChoices], to base: PromptVersion) throws {
        for choices in clusters {
            let admission = PatchAdmission(prompt: base.text, representatives: choices.cluster.representatives)
            for choice in choices.candidates {
                if let reason = admission.refusal(of: choice.candidate) {
                    throw TrainingRequestError.invalid(
                        "candidate \(choice.candidate.patchID) of cluster \(choices.cluster.clusterID) is refused: "
                            + reason)
                }
            }
        }
    }

    /// Runs a whole job in four steps (``TrainingRun``): load the data, train the patch policy, evaluate the result
    /// against the base prompt on held-out experiences (the gate), and publish a version when the gate passes.
    /// - Parameters:
    ///   - jobID: Recorded in the new version's provenance.
    ///   - progress: Called as the job moves on (from the job's task).
    /// - Throws: ``TrainingRequestError`` for a request that cannot run; the model's errors; `CancellationError`
    ///   when cancelled (nothing is written then).
    package func run(
        _ request: TrainingRequest,
        jobID: String,
        now: @Sendable () -> Date = { Date() },
        progress: @Sendable (TrainingProgress) -> Void = { _ in }
    ) async throws -> TrainingResult {
        let base = try self.validate(request)
        let run = TrainingRun(trainer: self, request: request, base: base)
        var data = try await run.load(progress: progress)
        let trained = try await run.train(data, progress: progress)
        // Evolution may have added candidates: the gate and the version see them.
        data.prompts = trained.prompts
        let comparison = try await run.evaluate(data, trained, progress: progress)
        try Task.checkCancellation()
        var result: TrainingResult
        if let refusal = run.gate(comparison) {
            result = run.result(data, trained, comparison, outcome: refusal.outcome, message: refusal.message)
        } else {
            result = try await run.publish(data, trained, comparison, jobID: jobID, now: now, progress: progress)
        }
        if data.missingMembers > 0 {
            // Trained on fewer failures than the clusters list: said, not left for the reader to count.
            result.message +=
                " (\(data.missingMembers) of the clusters' \(data.memberCount) member experiences are not in the store, "
                + "so they were left out)"
        }
        return result
    }

    /// The rollouts a job plans: every step's groups (or the rollout budget, when smaller) plus both prompts'
    /// `answers` on every held-out experience.
    static func plannedRollouts(_ grpo: GRPOConfiguration, trainCount: Int, heldOut: Int, answers: Int = 1) -> Int {
        let training = grpo.steps * min(grpo.batchSize, trainCount) * grpo.groupSize
        return min(training, grpo.rolloutBudget ?? training) + 2 * heldOut * answers
    }

    /// A seed per (job seed, experience, draw): stable across runs and prompts, so comparisons are paired.
    package static func experienceSeed(_ seed: UInt64, _ id: String, draw: Int = 0) -> UInt64 {
        let hash = FNV1a.hash(id.utf8)
        var mixer = SplitMix64(seed: hash ^ seed ^ (UInt64(draw) &* Self.drawStride))
        return mixer.next()
    }

    /// Multiplies the draw number before it is mixed into an experience's seed: 2^64 divided by the golden ratio
    /// (odd, as SplitMix64's own increment), so consecutive draws land far apart in the seed space.
    static let drawStride: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
