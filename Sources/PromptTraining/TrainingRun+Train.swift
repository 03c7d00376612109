import ConcurrencyLimits
import Experiences
import LanguageModels
import PatchGeneration
import Prompts
import RLTraining
import Verification

/// What the train step gives the later steps.
struct TrainedPolicy: Sendable {
    /// GRPO's result: the chosen variant, the final policy, the curve and the spend.
    var outcome: TrainingOutcome
    /// The same for the job's result.
    var summary: TrainingSummary
    /// The rollouts the whole job was expected to make, for progress reports.
    var plannedRollouts: Int
    /// The variants' prompts at the end: the load step's, plus any evolved candidates.
    var prompts: VariantPrompts
    /// What candidate evolution did, when the request asked for it.
    var evolution: Provenance.Evolution?
}

extension TrainingRun {
    /// Step 2: GRPO over the variants on the training experiences, every variant's answer scored by the reward model.
    /// - Throws: `CancellationError` when the job was cancelled; the model's and reward model's errors.
    func train(_ data: TrainingData, progress: Progress) async throws -> TrainedPolicy {
        // One scorer per experience: the reward model prepares an experience once for all its rollouts.
        let train = data.split.train.map { (experience: $0, score: self.scorer(for: $0)) }
        let groupSize = self.request.groupSize ?? self.configuration.groupSize
        let batchSize = self.request.batchSize ?? self.configuration.batchSize
        // Training index i stands for experience i mod n answered with draw i / n: the variants of one group share a
        // draw (paired), while a later visit of the same experience gets a fresh one, so the policy learns the
        // expected reward rather than the luck of one sampled answer per experience. Enough draws that no
        // (experience, draw) pair is used twice in the run: successive halving's last rounds answer each experience
        // with as few as two variants, so it may visit up to half its planned rollouts' worth of indices.
        var indices = self.steps * batchSize
        if self.allocation == .successiveHalving {
            let planned = self.steps * min(batchSize, train.count) * groupSize
            indices = max(indices, (min(planned, self.request.budget?.rollouts ?? planned) + 1) / 2)
        }
        let draws = max(1, (indices + train.count - 1) / train.count)
        let grpo = GRPOConfiguration(
            groupSize: groupSize,
            batchSize: batchSize,
            steps: self.steps,
            klCoefficient: self.configuration.klCoefficient,
            advantageNormalization: self.configuration.advantageNormalization,
            adam: AdamConfiguration(learningRate: self.configuration.learningRate),
            maxConcurrentRollouts: self.configuration.maxConcurrentRollouts,
            rolloutBudget: self.request.budget?.rollouts,
            tokenBudget: self.request.budget?.tokens,
            seed: self.seed,
            failureAllowance: self.configuration.failureAllowance,
            allocation: self.allocation
        )
        let curveBox = CurveBox()
        let planned = PromptTrainer.plannedRollouts(
            grpo, trainCount: train.count, heldOut: data.split.heldOut.count, answers: self.heldOutAnswers)
        // The data is loaded: say what the job will cost before it starts spending.
        progress(
            TrainingProgress(
                phase: .loading, step: 0, steps: self.steps, rollouts: 0, tokens: 0, curve: [],
                plannedRollouts: planned,
                guardrailRollouts: data.guardrailRollouts))
        let steps = self.steps
        // Training index i is experience i mod n with the seed of its draw i / n (see above). The reward calls and
        // evolution's recall of their answers both take it from here, so a recall is the very call training made.
        let draw: @Sendable (Int) -> (experience: Experience, scorer: OutputScorer, seed: UInt64) = { index in
            let (experience, scorer) = train[index % train.count]
            return (
                experience, scorer,
                PromptTrainer.experienceSeed(self.seed, experience.id, draw: index / train.count)
            )
        }
        let maxEvolved = self.request.maxEvolvedCandidates ?? self.configuration.maxEvolvedCandidates
        let evolver =
            self.request.evolve == true
            ? try CandidateEvolver(
                prompts: data.prompts, clusters: self.request.clusters, base: self.base.text,
                reflection: self.request.evolveMode == .llm ? self.trainer.reflectionModel : nil,
                maxCandidates: maxEvolved) : nil
        let evolution = evolver.map { evolver in
            // A training experience's cluster: the first targeted cluster it is a member of (none for a success).
            var memberCluster: [String: Int] = [:]
            for (index, choices) in self.request.clusters.enumerated() {
                for id in choices.cluster.memberIDs where memberCluster[id] == nil { memberCluster[id] = index }
            }
            let clusters = train.map { memberCluster[$0.experience.id] }
            return CandidateEvolution(
                maxCandidates: maxEvolved,
                minimumEvidence: self.configuration.evolutionEvidence,
                cluster: { clusters[$0 % clusters.count] },
                propose: { evidence in
                    let failures =
                        evolver.reflects
                        ? await self.recall(
                            evidence.failingExperiences, under: evolver.prompt(for: evidence.parent), draw: draw) : []
                    return try await evolver.propose(evidence, failures: failures)
                })
        }
        let prompts = data.prompts
        let loggedAnswerRewards =
            self.configuration.capsNonAnswers
            ? try await self.loggedAnswerRewards(train) : Array(repeating: nil, count: train.count)
        let outcome = try await GRPOTrainer(prior: data.prior, configuration: grpo).train(
            experienceCount: train.count * draws,
            reward: { variant, index in
                let (experience, scorer, seed) = draw(index)
                guard
                    let scored = try await self.score(
                        prompt: evolver?.prompt(for: variant) ?? prompts.prompt(for: variant), experience: experience,
                        scorer: scorer, seed: seed)
                else { return .failure }
                return RewardSample(
                    reward: TrainingReward.of(
                        scored.verdict, loggedAnswerReward: loggedAnswerRewards[index % train.count]),
                    tokens: scored.tokens, findings: scored.verdict.failureModes.map(\.rawValue))
            },
            progress: { point in
                let curve = curveBox.append(point)
                progress(
                    TrainingProgress(
                        phase: .training, step: point.step, steps: steps, rollouts: point.rollouts,
                        tokens: point.tokens,
                        curve: curve, plannedRollouts: planned, guardrailRollouts: data.guardrailRollouts))
            },
            evolution: evolution
        )
        if outcome.stopReason == .cancelled { throw CancellationError() }
        let summary = TrainingSummary(
            experiences: train.count, failures: data.split.trainFailures,
            successes: train.count - data.split.trainFailures, rollouts: outcome.rollouts, tokens: outcome.tokens,
            stopReason: outcome.stopReason, zeroSpreadGroups: outcome.zeroSpreadGroups, groups: outcome.groups,
            curve: outcome.curve, probabilities: outcome.policy.probabilities, failedRollouts: outcome.failedRollouts,
            cachedRollouts: self.model.hits, allocation: self.allocation, decisions: outcome.decisions)
        return TrainedPolicy(
            outcome: outcome, summary: summary, plannedRollouts: planned, prompts: evolver?.prompts ?? prompts,
            evolution: evolver?.provenance(pool: outcome.paretoPool))
    }

    /// For each training experience, the reward of its logged response when that response was an answer (see
    /// ``TrainingReward``), scored once by the job's reward model.
    private func loggedAnswerRewards(
        _ train: [(experience: Experience, score: OutputScorer)]
    ) async throws -> [Double?] {
        try await BoundedConcurrency.map(count: train.count, maxConcurrency: self.configuration.maxConcurrentRollouts) {
            let logged = train[$0].experience
            let verdict = try await train[$0].score(logged.response, finishReason: logged.loggedFinishReason)
            return verdict.isNonAnswerFailure ? nil : verdict.reward
        }
    }

    /// The answers training gave under `prompt` at training `indices`, as a reflection quotes them: the memoizing
    /// model answers these calls from memory, since training just made them. An answer it cannot give is left out.
    private func recall(
        _ indices: [Int], under prompt: String,
        draw: (Int) -> (experience: Experience, scorer: OutputScorer, seed: UInt64)
    ) async -> [ClusterRepresentative] {
        var answers: [ClusterRepresentative] = []
        for index in indices {
            let (experience, _, seed) = draw(index)
            let request = self.request(prompt: prompt, experience: experience, seed: seed)
            guard let answer = try? await self.model.generate(request).outputs.first else { continue }
            answers.append(
                ClusterRepresentative(
                    id: experience.id, input: experience.input, response: answer, context: experience.context,
                    reference: experience.reference, metadata: experience.metadata))
        }
        return answers
    }
}
