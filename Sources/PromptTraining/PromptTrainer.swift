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

    /// Checks a request before any work: the base prompt exists, every cluster has an id, every candidate applies.
    /// - Throws: ``TrainingRequestError``.
    package func validate(_ request: TrainingRequest) throws -> PromptVersion {
        guard let id = PromptID(request.basePromptID) else {
            throw TrainingRequestError(.invalid, "'\(request.basePromptID)' is not a prompt id (p_v<family>_<version>)")
        }
        let base: PromptVersion
        do {
            base = try self.registry.version(id)
        } catch RegistryError.notFound {
            throw TrainingRequestError(.unknownPrompt, "no prompt version \(id) in the registry")
        }
        guard !request.clusters.isEmpty else { throw TrainingRequestError(.invalid, "'clusters' must not be empty") }
        guard Set(request.clusters.map(\.cluster.clusterID)).count == request.clusters.count else {
            throw TrainingRequestError(.invalid, "each cluster may appear once")
        }
        for choices in request.clusters {
            guard !choices.cluster.memberIDs.isEmpty else {
                throw TrainingRequestError(.invalid, "cluster \(choices.cluster.clusterID) has no member_ids")
            }
            guard !choices.candidates.isEmpty else {
                throw TrainingRequestError(.invalid, "cluster \(choices.cluster.clusterID) has no candidates")
            }
            for choice in choices.candidates where choice.candidate.patchText.trimmingCharacters(in: .whitespaces).isEmpty {
                throw TrainingRequestError(.invalid, "candidate \(choice.candidate.patchID) has an empty patch_text")
            }
        }
        func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws {
            if let value, !range.contains(value) {
                throw TrainingRequestError(.invalid, "'\(name)' must be between \(range.lowerBound) and \(range.upperBound)")
            }
        }
        try check(request.groupSize, "group_size", TrainingRequestLimits.groupSize)
        try check(request.batchSize, "batch_size", TrainingRequestLimits.batchSize)
        try check(request.steps, "steps", TrainingRequestLimits.steps)
        try check(request.budget?.rollouts, "budget.rollouts", TrainingRequestLimits.rollouts)
        try check(request.budget?.tokens, "budget.tokens", TrainingRequestLimits.tokens)
        let fractionBounds = TrainingRequestLimits.heldOutFraction
        if let fraction = request.heldOutFraction, !(fraction > fractionBounds.above && fraction < fractionBounds.below) {
            throw TrainingRequestError(
                .invalid, "'held_out_fraction' must be between \(fractionBounds.above.shortText) and \(fractionBounds.below.shortText)")
        }
        let ratios = TrainingRequestLimits.successRatio
        if let ratio = request.successRatio, !ratios.contains(ratio) {
            throw TrainingRequestError(
                .invalid, "'success_ratio' must be between \(ratios.lowerBound.shortText) and \(ratios.upperBound.shortText)")
        }
        if let gain = request.minGain, !gain.isFinite {
            throw TrainingRequestError(.invalid, "'min_gain' must be a number")
        }
        return base
    }

    /// Runs a whole job: load, train, evaluate, and write a version when the gate passes.
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
        let seed = request.seed ?? 0
        let steps = request.steps ?? self.configuration.steps
        progress(TrainingProgress(phase: .loading, step: 0, steps: steps, rollouts: 0, tokens: 0, curve: []))

        // Data: targeted failures, a sample of successes, a seeded split.
        let memberIDs = Array(Set(request.clusters.flatMap(\.cluster.memberIDs))).sorted()
        let failures = try await self.store.experiences(ids: memberIDs)
        guard failures.count >= 2 else {
            throw TrainingRequestError(
                .notEnoughData, "only \(failures.count) of the clusters' \(memberIDs.count) member experiences are in the store")
        }
        let successCount = Int((Double(failures.count) * (request.successRatio ?? self.configuration.successRatio)).rounded())
        var successes = try await self.store.sampleSuccesses(
            ExperienceQuery(promptID: base.id.description), count: successCount, seed: seed)
        if successes.isEmpty && successCount > 0 {
            successes = try await self.store.sampleSuccesses(ExperienceQuery(), count: successCount, seed: seed)
        }
        let split = DataSplit(
            failures: failures, successes: successes,
            heldOutFraction: request.heldOutFraction ?? self.configuration.heldOutFraction, seed: seed)
        guard !split.train.isEmpty, !split.heldOut.isEmpty else {
            throw TrainingRequestError(.notEnoughData, "too few experiences to hold some out")
        }

        let prompts = VariantPrompts(base: base.text, clusters: request.clusters.map { $0.candidates.map(\.candidate) })
        let clusterIDs = request.clusters.map(\.cluster.clusterID)
        let prior = PatchPolicy(rankerScores: request.clusters.map { choices in
            choices.candidates.enumerated().map { index, choice in choice.score ?? max(0, 1 - 0.1 * Double(index)) }
        })

        // Training.
        // One scorer per experience: the reward model prepares an experience once for all its rollouts.
        let train = split.train.map { (experience: $0, score: self.rewardModel.scorer(for: $0)) }
        let groupSize = request.groupSize ?? self.configuration.groupSize
        let batchSize = request.batchSize ?? self.configuration.batchSize
        // Training index i stands for experience i mod n answered with draw i / n: the variants of one group share a
        // draw (paired), while a later visit of the same experience gets a fresh one, so the policy learns the
        // expected reward rather than the luck of one sampled answer per experience. Enough draws that no
        // (experience, draw) pair is used twice in the run.
        let draws = max(1, (steps * batchSize + train.count - 1) / train.count)
        let grpo = GRPOConfiguration(
            groupSize: groupSize,
            batchSize: batchSize,
            steps: steps,
            klCoefficient: self.configuration.klCoefficient,
            advantageNormalization: self.configuration.advantageNormalization,
            adam: AdamConfiguration(learningRate: self.configuration.learningRate),
            maxConcurrentRollouts: self.configuration.maxConcurrentRollouts,
            rolloutBudget: request.budget?.rollouts,
            tokenBudget: request.budget?.tokens,
            seed: seed,
            failureAllowance: self.configuration.failureAllowance
        )
        let curveBox = CurveBox()
        // What answered the run's calls, for the provenance: a version trained against a real endpoint says so.
        let answerers = Answerers()
        // A repeated (prompt, experience, seed) is the same draw by design: answer it from memory (a group often
        // samples one variant twice, and with a real model every call costs seconds).
        let model = MemoizingLanguageModel(self.model)
        let planned = Self.plannedRollouts(grpo, trainCount: train.count, heldOut: split.heldOut.count)
        // The data is loaded: say what the job will cost before it starts spending.
        progress(TrainingProgress(
            phase: .loading, step: 0, steps: steps, rollouts: 0, tokens: 0, curve: [], plannedRollouts: planned))
        let outcome = try await GRPOTrainer(prior: prior, configuration: grpo).train(
            experienceCount: train.count * draws,
            reward: { variant, index in
                let (experience, scorer) = train[index % train.count]
                guard
                    let scored = try await self.score(
                        prompt: prompts.prompt(for: variant), experience: experience, scorer: scorer, model: model,
                        seed: Self.experienceSeed(seed, experience.id, draw: index / train.count), answerers: answerers)
                else { return .failure }
                return RewardSample(reward: scored.verdict.reward, tokens: scored.tokens)
            },
            progress: { point in
                let curve = curveBox.append(point)
                progress(TrainingProgress(
                    phase: .training, step: point.step, steps: steps, rollouts: point.rollouts, tokens: point.tokens,
                    curve: curve, plannedRollouts: planned))
            }
        )
        if outcome.stopReason == .cancelled { throw CancellationError() }
        let summary = TrainingSummary(
            experiences: train.count, failures: split.trainFailures, successes: train.count - split.trainFailures,
            rollouts: outcome.rollouts, tokens: outcome.tokens, stopReason: outcome.stopReason,
            zeroSpreadGroups: outcome.zeroSpreadGroups, groups: outcome.groups, curve: outcome.curve,
            probabilities: outcome.policy.probabilities, failedRollouts: outcome.failedRollouts,
            cachedRollouts: model.hits)

        // Held-out gate: base and result on the same experiences and seeds.
        progress(TrainingProgress(
            phase: .evaluating, step: steps, steps: steps, rollouts: outcome.rollouts, tokens: outcome.tokens,
            curve: outcome.curve, plannedRollouts: planned))
        let resultPrompt = prompts.prompt(for: outcome.variant)
        let heldOut = split.heldOut
        let heldOutScorers = heldOut.map { self.rewardModel.scorer(for: $0) }
        // When training kept the base prompt everywhere, the "result" is the base prompt: score it once and compare
        // it with itself rather than paying for the same calls twice.
        let keptBase = outcome.variant.choices.allSatisfy { $0 == Variant.noPatch }
        let promptsToScore = keptBase ? [base.text] : [base.text, resultPrompt]
        let scores = try await BoundedConcurrency.map(
            count: heldOut.count * promptsToScore.count, maxConcurrency: self.configuration.maxConcurrentRollouts
        ) { index in
            let experience = heldOut[index / promptsToScore.count]
            return try await self.score(
                prompt: promptsToScore[index % promptsToScore.count], experience: experience,
                scorer: heldOutScorers[index / promptsToScore.count], model: model,
                seed: Self.experienceSeed(seed, experience.id), answerers: answerers)
        }
        // Scores are interleaved by prompt; with one prompt scored, the candidate's scores are the baseline's. An
        // experience whose generation failed under either prompt leaves the comparison (it must stay paired).
        let kept = heldOut.indices.filter { experience in
            !scores[experience * promptsToScore.count..<(experience + 1) * promptsToScore.count].contains { $0 == nil }
        }
        let pairs = kept.map { experience in
            scores[experience * promptsToScore.count..<(experience + 1) * promptsToScore.count].compactMap { $0 }
        }
        let failedHeldOut = heldOut.count - pairs.count
        guard !pairs.isEmpty else {
            throw TrainingRequestError(
                .modelFailed,
                "the model failed on every held-out experience (\(heldOut.count)); last error: \(answerers.lastFailure ?? "none"); nothing written")
        }
        let baseline = pairs.map { $0[0] }
        let candidate = pairs.map { $0[$0.count - 1] }
        let bootstrap = BootstrapConfiguration(resamples: self.configuration.bootstrapResamples, seed: seed)
        let gain = PairedBootstrap.meanDifference(
            baseline: baseline.map(\.verdict.reward), candidate: candidate.map(\.verdict.reward), configuration: bootstrap)
        let guardrails = Guardrails.check(
            baseline: baseline.map { ($0.verdict, $0.words) }, candidate: candidate.map { ($0.verdict, $0.words) },
            configuration: self.configuration, bootstrap: bootstrap)
        let evaluation = HeldOutEvaluation(
            experiences: pairs.count,
            baselineReward: Self.mean(baseline.map(\.verdict.reward)),
            reward: Self.mean(candidate.map(\.verdict.reward)),
            gain: gain,
            hallucinationRateBefore: Self.mean(baseline.map { $0.verdict.hallucination ? 1 : 0 }),
            hallucinationRateAfter: Self.mean(candidate.map { $0.verdict.hallucination ? 1 : 0 }),
            guardrails: guardrails,
            rollouts: scores.count,
            tokens: scores.reduce(0) { $0 + ($1?.tokens ?? 0) },
            failedGenerations: failedHeldOut,
            experienceIDs: kept.map { heldOut[$0].id })
        try Task.checkCancellation()

        var result = TrainingResult(
            outcome: .noSignificantImprovement, message: "", patchIDs: prompts.patchIDs(for: outcome.variant, clusterIDs: clusterIDs),
            promptID: nil, path: nil, promptText: resultPrompt, evaluation: evaluation, training: summary,
            answeredBy: TrainingResult.AnsweredBy(models: answerers.models, simulated: answerers.simulated))
        let minGain = request.minGain ?? self.configuration.minGain
        if keptBase {
            result.outcome = .noPatchChosen
            result.message = "training preferred the base prompt for every cluster; nothing written"
            return result
        }
        guard pairs.count >= self.configuration.minimumHeldOut else {
            result.outcome = .tooLittleData
            let failedNote = failedHeldOut == 0 ? "" : " (\(failedHeldOut) more left out: the model failed on them)"
            result.message = String(
                format: "too little data for the gate: %d held-out experiences%@, at least %d are needed for a 95%% interval (held-out gain %+.4f, not tested); log more interactions or raise held_out_fraction; nothing written",
                pairs.count, failedNote, self.configuration.minimumHeldOut, gain.estimate)
            return result
        }
        guard gain.low > minGain else {
            result.message = String(
                format: "no significant improvement: held-out gain %+.4f, 95%% interval [%.4f, %.4f] does not clear %.4f; nothing written",
                gain.estimate, gain.low, gain.high, minGain)
            return result
        }
        let blocking = guardrails.filter(\.blocked)
        guard blocking.isEmpty else {
            result.outcome = .blockedByGuardrail
            result.message = String(
                format: "blocked by a guardrail: held-out gain %+.4f, 95%% interval [%.4f, %.4f], but %@; nothing written",
                gain.estimate, gain.low, gain.high, blocking.map(\.sentence).joined(separator: "; "))
            return result
        }

        progress(TrainingProgress(
            phase: .writing, step: steps, steps: steps, rollouts: outcome.rollouts, tokens: outcome.tokens, curve: outcome.curve))
        let primaryCluster = zip(clusterIDs, outcome.variant.choices).first { $0.1 != Variant.noPatch }?.0
        let metadata: [String: JSONValue] = [
            "reward_gain": .number(Self.rounded(gain.estimate)),
            "cluster_id": primaryCluster.map(JSONValue.string) ?? .null,
            "parent_id": .string(base.id.description),
            "patch_ids": .object(result.patchIDs.mapValues { $0.map(JSONValue.string) ?? .null }),
            "baseline_reward": .number(Self.rounded(evaluation.baselineReward)),
            "reward": .number(Self.rounded(evaluation.reward)),
            "reward_gain_ci95": [.number(Self.rounded(gain.low)), .number(Self.rounded(gain.high))],
            "hallucination_rate": [
                "before": .number(Self.rounded(evaluation.hallucinationRateBefore)),
                "after": .number(Self.rounded(evaluation.hallucinationRateAfter)),
            ],
            "held_out": .integer(pairs.count),
            "failed_generations": .integer(outcome.failedRollouts + failedHeldOut),
            "guardrails": .object(Dictionary(uniqueKeysWithValues: guardrails.map { ($0.name, $0.provenance) })),
            "rollouts": .integer(outcome.rollouts + evaluation.rollouts),
            "tokens": .integer(outcome.tokens + evaluation.tokens),
            "seed": seed <= UInt64(Int.max) ? .integer(Int(seed)) : .string(String(seed)),
            "model": .string(self.model.name),
            "served_models": .array(answerers.models.map(JSONValue.string)),
            "simulated": .bool(answerers.simulated),
            "verifier": .string(self.rewardModel.name),
            "job_id": .string(jobID),
            "stop_reason": .string(outcome.stopReason.rawValue),
        ]
        let version = try self.registry.create(
            family: base.id.family, source: "rl_trainer", text: resultPrompt, metadata: metadata, now: now())
        result.outcome = .written
        result.promptID = version.id.description
        result.path = self.registry.directory.appendingPathComponent(version.id.fileName).path
        result.message = String(
            format: "wrote %@: held-out reward %.4f -> %.4f (gain %+.4f, 95%% interval [%.4f, %.4f]), hallucination rate %.3f -> %.3f",
            version.id.description, evaluation.baselineReward, evaluation.reward, gain.estimate, gain.low, gain.high,
            evaluation.hallucinationRateBefore, evaluation.hallucinationRateAfter)
        return result
    }

    /// One model call under `prompt` for `experience` with the sampling `seed`, scored by the experience's
    /// `scorer`; `nil` when the model failed to answer after its own retries (recorded in `answerers`), so that
    /// one slow or failed generation costs a rollout, not the run.
    private func score(
        prompt: String, experience: Experience, scorer: OutputScorer, model: any LanguageModel, seed: UInt64,
        answerers: Answerers
    ) async throws -> Scored? {
        if self.cancellation() { throw CancellationError() }
        let maxTokens = TokenEstimate.answerCap(
            expected: experience.reference ?? experience.response, scale: self.configuration.answerTokenScale,
            ceiling: self.configuration.maxTokens)
        let request = GenerationRequest(
            systemPrompt: prompt, experience: experience, temperature: self.configuration.temperature,
            maxTokens: maxTokens, seed: seed)
        let response: GenerationResponse
        do {
            response = try await model.generate(request)
        } catch let error as GenerationError where !error.isInvalidRequest {
            if self.cancellation() || Task.isCancelled { throw CancellationError() }
            answerers.recordFailure(error.description)
            return nil
        }
        answerers.record(response)
        guard let output = response.outputs.first else {
            throw TrainingRequestError(.invalid, "the model returned no output")
        }
        let verdict = try await scorer(output)
        return Scored(
            verdict: verdict, tokens: response.usage.totalTokens, words: output.split(whereSeparator: \.isWhitespace).count)
    }

    /// One scored answer.
    private struct Scored: Sendable {
        var verdict: Verdict
        var tokens: Int
        var words: Int
    }

    /// The rollouts a job plans: every step's groups (or the rollout budget, when smaller) plus both prompts on
    /// every held-out experience.
    static func plannedRollouts(_ grpo: GRPOConfiguration, trainCount: Int, heldOut: Int) -> Int {
        let training = grpo.steps * min(grpo.batchSize, trainCount) * grpo.groupSize
        return min(training, grpo.rolloutBudget ?? training) + 2 * heldOut
    }

    /// A seed per (job seed, experience, draw): stable across runs and prompts, so comparisons are paired.
    package static func experienceSeed(_ seed: UInt64, _ id: String, draw: Int = 0) -> UInt64 {
        let hash = FNV1a.hash(id.utf8)
        var mixer = SplitMix64(seed: hash ^ seed ^ (UInt64(draw) &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Six decimals, so registry files stay readable and stable.
    static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }
}

/// The model names responses reported and whether any response was simulated, across a run's concurrent calls,
/// and the last generation that failed.
private final class Answerers: Sendable {
    private let state = Mutex<(models: Set<String>, simulated: Bool, lastFailure: String?)>(([], false, nil))

    func record(_ response: GenerationResponse) {
        self.state.withLock {
            $0.models.insert(response.model)
            $0.simulated = $0.simulated || response.simulated
        }
    }

    func recordFailure(_ message: String) {
        self.state.withLock { $0.lastFailure = message }
    }

    var models: [String] { self.state.withLock { $0.models.sorted() } }
    var simulated: Bool { self.state.withLock { $0.simulated } }
    var lastFailure: String? { self.state.withLock { $0.lastFailure } }
}

/// Collects the curve as steps complete (the progress callback is called from the training task only).
private final class CurveBox: Sendable {
    private let points = Mutex<[TrainingCurvePoint]>([])

    func append(_ point: TrainingCurvePoint) -> [TrainingCurvePoint] {
        self.points.withLock {
            $0.append(point)
            return $0
        }
    }
}
