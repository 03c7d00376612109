import ConcurrencyLimits
import Experiences
import LanguageModels
import PromptTraining
import RLTraining
import Synchronization
import Verification

/// Scores prompt versions side by side on a fixed test set, as the trainer's held-out gate compares two: every
/// version answers every experience with the model, the reward model judges each answer, and an experience's calls
/// share one sampling seed across versions (common random numbers), so the versions differ only by their prompt and
/// the differences are paired.
package struct PromptEvaluator: Sendable {
    package var model: any LanguageModel
    package var rewardModel: any RewardModel
    package var configuration: EvaluationConfiguration

    package init(
        model: any LanguageModel, rewardModel: any RewardModel,
        configuration: EvaluationConfiguration = EvaluationConfiguration()
    ) {
        self.model = model
        self.rewardModel = rewardModel
        self.configuration = configuration
    }

    /// Answers and judges every experience under every prompt, then summarises.
    /// - Parameter progress: called with (calls done, calls in all) as answers come in.
    /// - Throws: ``EvaluationError`` for an empty or repeated input; the model's and the reward model's errors.
    package func evaluate(
        _ prompts: [EvaluatedPrompt], on experiences: [Experience],
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> EvaluationResult {
        guard !prompts.isEmpty else { throw EvaluationError.noPrompts }
        var seen: Set<String> = []
        for prompt in prompts where !seen.insert(prompt.id).inserted {
            throw EvaluationError.duplicatePrompt(prompt.id)
        }
        guard !experiences.isEmpty else { throw EvaluationError.noExperiences }

        // One scorer per experience and version: each answer is scored against the system prompt it was written under.
        let scorers = experiences.flatMap { experience in
            prompts.map { self.rewardModel.scorer(for: experience.scored(underSystemPrompt: $0.text)) }
        }
        let configuration = self.configuration
        guard TrainingRequestLimits.heldOutAnswers.contains(configuration.answersPerExperience) else {
            throw EvaluationError.answersOutOfRange(configuration.answersPerExperience)
        }
        // Call `index` is answer `index % answers` of version `index / answers % versions` to experience
        // `index / (answers × versions)`; answer j of an experience has the same seed under every version.
        let answers = configuration.answersPerExperience
        let total = experiences.count * prompts.count * answers
        let tally = CallTally()
        let model = self.model
        let calls = try await BoundedConcurrency.map(
            count: total, maxConcurrency: max(1, configuration.maxConcurrency)
        ) {
            index in
            let pair = index / answers
            let experience = experiences[pair / prompts.count]
            let prompt = prompts[pair % prompts.count]
            let response = try await model.generate(
                GenerationRequest(
                    systemPrompt: prompt.text, experience: experience, temperature: configuration.temperature,
                    maxTokens: configuration.maxTokens,
                    seed: PromptTrainer.experienceSeed(configuration.seed, experience.id, draw: index % answers)))
            guard let output = response.outputs.first else {
                throw EvaluationError.emptyOutput(experienceID: experience.id)
            }
            let verdict = try await scorers[pair](output, finishReason: response.finishReason(of: 0))
            progress(tally.record(simulated: response.simulated), total)
            return EvaluationCase.Answer(
                output: output, reward: verdict.reward, failureModes: verdict.failureModes.map(\.rawValue),
                tokens: response.usage.totalTokens)
        }
        let cases = experiences.enumerated().map { row, experience in
            EvaluationCase(
                experienceID: experience.id, input: experience.input,
                results: prompts.enumerated().map { column, prompt in
                    let first = (row * prompts.count + column) * answers
                    return EvaluationCase.Result(promptID: prompt.id, answers: Array(calls[first..<(first + answers)]))
                })
        }
        let bootstrap = BootstrapConfiguration(resamples: configuration.bootstrapResamples, seed: configuration.seed)
        let versions = prompts.indices.map { column in
            // One result per experience (the summary of its answers).
            let results = cases.map { $0.results[column] }
            var rates: [String: ConfidenceInterval] = [:]
            for mode in EvaluationResult.failureModes {
                let shares = results.map { $0.share(of: mode) }
                rates[mode] = RateInterval.wilson(
                    proportion: min(1, shares.reduce(0, +) / Double(shares.count)), of: shares.count)
            }
            return VersionScore(
                promptID: prompts[column].id,
                meanReward: PairedBootstrap.mean(of: results.map(\.reward), configuration: bootstrap),
                failureRates: rates, failures: results.count(where: { !$0.failureModes.isEmpty }),
                tokens: results.reduce(0) { $0 + $1.tokens })
        }
        var result = EvaluationResult(
            experiences: experiences.count, model: model.name, simulated: tally.simulated,
            rewardModel: self.rewardModel.name, seed: configuration.seed, answersPerExperience: answers,
            tooLittleData: experiences.count < configuration.minimumExperiences,
            minimumExperiences: configuration.minimumExperiences, versions: versions, differences: [], cases: cases,
            bootstrapResamples: configuration.bootstrapResamples)
        for later in prompts.indices.dropFirst() {
            for earlier in 0..<later {
                result.differences.append(try result.difference(prompts[later].id, minus: prompts[earlier].id))
            }
        }
        return result
    }
}

/// Counts finished calls and whether any answer was simulated, across the concurrent calls.
private final class CallTally: Sendable {
    private let state = Mutex<(done: Int, simulated: Bool)>((0, false))

    /// Records one finished call; returns how many have finished.
    func record(simulated: Bool) -> Int {
        self.state.withLock { state in
            state.done += 1
            state.simulated = state.simulated || simulated
            return state.done
        }
    }

    var simulated: Bool { self.state.withLock { $0.simulated } }
}
