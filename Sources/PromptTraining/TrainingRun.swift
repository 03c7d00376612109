import Experiences
import Foundation
import LanguageModels
import Prompts
import RLTraining
import Verification

/// One training job on its way through ``PromptTrainer/run(_:jobID:now:progress:)``'s steps: ``load(progress:)``,
/// ``train(_:progress:)``, ``evaluate(_:_:progress:)``, ``gate(_:)`` and ``publish(_:_:_:jobID:now:progress:)``.
///
/// Holds what the steps share: the request's settings with the trainer's defaults filled in, one memoizing model (a
/// held-out call that repeats a training call is answered from memory), and the record of what answered.
struct TrainingRun: Sendable {
    let trainer: PromptTrainer
    let request: TrainingRequest
    let base: PromptVersion
    let seed: UInt64
    let steps: Int
    /// Which variants GRPO's groups sample: the request's, else policy for an evolving job, else the trainer's
    /// default.
    let allocation: AllocationRule
    /// A repeated (prompt, experience, seed) is the same draw by design: answer it from memory (a group often samples
    /// one variant twice, and with a real model every call costs seconds).
    let model: MemoizingLanguageModel
    /// What answered the run's calls, for the provenance: a version trained against a real endpoint says so.
    let answerers = Answerers()

    /// Every step reports to a `progress` callback it is given (called from the job's task).
    typealias Progress = @Sendable (TrainingProgress) -> Void

    init(trainer: PromptTrainer, request: TrainingRequest, base: PromptVersion) {
        self.trainer = trainer
        self.request = request
        self.base = base
        self.seed = request.seed ?? trainer.configuration.seed
        self.steps = request.steps ?? trainer.configuration.steps
        self.allocation = request.allocation ?? (request.evolve == true ? .policy : trainer.configuration.allocation)
        self.model = MemoizingLanguageModel(trainer.model)
    }

    var configuration: TrainerConfiguration { self.trainer.configuration }

    /// Answers each prompt gives to each held-out experience: the request's, else the trainer's default.
    var heldOutAnswers: Int { self.request.heldOutAnswers ?? self.configuration.heldOutAnswers }

    /// The result every outcome shares (what was chosen, the figures), with the given outcome and message.
    func result(
        _ data: TrainingData, _ trained: TrainedPolicy, _ comparison: HeldOutComparison,
        outcome: TrainingResult.Outcome, message: String
    ) -> TrainingResult {
        TrainingResult(
            outcome: outcome, message: message,
            patchIDs: data.prompts.patchIDs(for: trained.outcome.variant, clusterIDs: data.clusterIDs),
            promptID: nil, path: nil, promptText: comparison.resultPrompt, evaluation: comparison.evaluation,
            training: trained.summary,
            answeredBy: TrainingResult.AnsweredBy(models: self.answerers.models, simulated: self.answerers.simulated),
            evolution: trained.evolution)
    }

    /// One model call under `prompt` for `experience` with the sampling `seed`, scored by the experience's
    /// `scorer`; `nil` when the model failed to answer after its own retries (recorded in ``answerers``), so that
    /// one slow or failed generation costs a rollout, not the run.
    /// - Throws: ``TrainingRequestError`` (`modelFailed`) once ``TrainerConfiguration/failuresInARowLimit``
    ///   distinct requests have failed with no answer between them.
    func score(prompt: String, experience: Experience, scorer: OutputScorer, seed: UInt64) async throws -> Scored? {
        if self.trainer.cancellation() || Task.isCancelled { throw CancellationError() }
        let response: GenerationResponse
        let request = self.request(prompt: prompt, experience: experience, seed: seed)
        do {
            response = try await self.model.generate(request)
        } catch let error as GenerationError where !error.isInvalidRequest {
            if self.trainer.cancellation() || Task.isCancelled { throw CancellationError() }
            let limit = self.configuration.failuresInARowLimit
            if self.answerers.recordFailure(error.description, request: request) >= limit {
                // The limit, not the count: calls in flight beside this one may fail too and race it to end the job,
                // and the message must not depend on which one wins.
                throw TrainingRequestError.modelFailed(
                    "the model failed \(limit) generations in a row after its retries, so its endpoint is taken to be down; last error: \(error.description); nothing written"
                )
            }
            return nil
        }
        self.answerers.record(response)
        guard let output = response.outputs.first else {
            throw TrainingRequestError.invalid("the model returned no output")
        }
        let verdict = try await scorer(output, finishReason: response.finishReason(of: 0))
        return Scored(
            verdict: verdict, tokens: response.usage.totalTokens,
            words: output.split(whereSeparator: \.isWhitespace).count)
    }

    /// The reward model's scorer for answers to `experience`, with the base prompt as the system prompt they were
    /// written under: what it states (the company, a policy) is no invention. A variant adds instructions, not facts.
    func scorer(for experience: Experience) -> OutputScorer {
        self.trainer.rewardModel.scorer(for: experience.scored(underSystemPrompt: self.base.text))
    }

    /// The call ``score(prompt:experience:scorer:seed:)`` makes; asked again, the memoizing model answers it from
    /// memory.
    func request(prompt: String, experience: Experience, seed: UInt64) -> GenerationRequest {
        let maxTokens = TokenEstimate.answerCap(
            expected: experience.reference ?? experience.response, scale: self.configuration.answerTokenScale,
            ceiling: self.configuration.maxTokens)
        return GenerationRequest(
            systemPrompt: prompt, experience: experience, temperature: self.configuration.temperature,
            maxTokens: maxTokens, seed: seed)
    }

    /// One scored answer.
    struct Scored: Sendable {
        var verdict: Verdict
        var tokens: Int
        var words: Int
    }
}
