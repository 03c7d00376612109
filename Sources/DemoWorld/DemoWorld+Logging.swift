import ConcurrencyLimits
import Experiences
import Foundation
import LanguageModels
import Randomness
import Verification

extension DemoWorld {
    /// Asks `model` a sample of the world's questions under a prompt, scores each output with `verifier`, and
    /// returns the interactions as the online side would have logged them.
    ///
    /// Which questions are asked: the questions in a seeded random order (a fresh order for each pass when `count`
    /// exceeds the question count), fixed by (`seed`, `round`) — so two prompts logged with the same seed and round
    /// are asked the same questions with the same per-call seeds, and the simulator gives them common random numbers.
    /// Interaction `i` is called with seed `SplitMix64.derived(seed: seed, stream: round << 32 | i).next()`.
    ///
    /// Each experience has id `<prefix>-r<round>-<prompt id>-<i>` (zero-padded to 4 digits), `created_at`
    /// `start + round days + i minutes`, the prompt id, the question's input, context and reference, the first
    /// output as the response, the verdict's reward, and `success`/`failure_type` from
    /// ``InteractionLogConfiguration/labeler`` (see ``FailureLabeler``). Metadata: the question's `kind`, `format` and
    /// `question_id`, `round`, the verifier's `hallucination` flag and `failure_modes`, `"simulated": true` when the model said its
    /// output was simulated, and the simulator's own outcome as `behaviour` (`grounded`, `hallucination`, `verbosity`,
    /// `format`, `refusal`, `incomplete`) when the model reported one: the truth clustering benchmarks score against.
    ///
    /// - Parameters:
    ///   - prompt: the prompt version's id and text.
    ///   - round: the demo round (0 or more); part of the ids, the timeline and the seeds.
    ///   - count: how many interactions to log (0 or more).
    ///   - model: the model to ask (the simulator by default in the CLI).
    ///   - verifier: scores each output.
    ///   - seed: the seed of the question order and of every call.
    ///   - configuration: concurrency, sampling settings, labelling and the timeline.
    ///   - skipped: told of each interaction whose generation failed for good (a ``GenerationError`` after the
    ///     client's retries); that interaction is left out and the round goes on.
    /// - Returns: the logged experiences in interaction order, whatever order the calls finished in: `count` of them
    ///   less those whose generation failed.
    /// - Throws: ``DemoWorldError`` when the world has no questions and `count > 0`, or when more than half the
    ///   generations failed (the endpoint is broken, not slow); `CancellationError` when cancelled.
    /// - Complexity: `count` model calls, at most `maxConcurrency` in flight.
    package func logExperiences(
        prompt: (id: String, text: String),
        round: Int,
        count: Int,
        model: any LanguageModel,
        verifier: Verifier,
        seed: UInt64,
        configuration: InteractionLogConfiguration = InteractionLogConfiguration(),
        skipped: @escaping @Sendable (_ index: Int, _ error: any Error) -> Void = { _, _ in }
    ) async throws -> [Experience] {
        precondition(count >= 0 && round >= 0, "count and round must not be negative")
        guard count > 0 else { return [] }
        guard !self.questions.isEmpty else { throw DemoWorldError.empty("the world has no questions to ask") }
        let order = self.questionOrder(round: round, count: count, seed: seed)
        let questions = self.questions
        let (promptID, promptText) = (prompt.id, prompt.text)
        let logged = try await BoundedConcurrency.map(
            count: count, maxConcurrency: max(1, configuration.maxConcurrency)
        ) {
            index -> Result<Experience, GenerationError> in
            let question = questions[order[index]]
            var callSeed = SplitMix64.derived(seed: seed, stream: UInt64(round) << 32 | UInt64(index))
            let maxTokens = configuration.maxTokens.map {
                TokenEstimate.answerCap(
                    expected: question.reference, scale: configuration.answerTokenScale, ceiling: $0)
            }
            let request = GenerationRequest(
                systemPrompt: promptText, experience: question.unanswered, temperature: configuration.temperature,
                maxTokens: maxTokens, seed: callSeed.next())
            let response: GenerationResponse
            do {
                response = try await model.generate(request)
            } catch let error as GenerationError {
                // One failed generation (after the client's own retries) costs that interaction, not the round.
                skipped(index, error)
                return .failure(error)
            }
            let output = response.outputs.first ?? ""
            return .success(
                Self.experience(
                    question: question, response: output, finishReason: response.finishReason(of: 0),
                    prompt: promptText,
                    simulated: response.simulated,
                    behaviour: response.outputMetadata.first?["behaviour"]?.stringValue, promptID: promptID,
                    round: round, index: index, verifier: verifier, configuration: configuration))
        }
        var experiences: [Experience] = []
        var failures: [GenerationError] = []
        for result in logged {
            switch result {
            case .success(let experience): experiences.append(experience)
            case .failure(let error): failures.append(error)
            }
        }
        if failures.count * 2 > count, let first = failures.first {
            throw DemoWorldError.generation("\(failures.count) of \(count) generations failed; the first: \(first)")
        }
        return experiences
    }

    /// The question indices asked in a round: seeded passes over a shuffled order.
    func questionOrder(round: Int, count: Int, seed: UInt64) -> [Int] {
        var order: [Int] = []
        order.reserveCapacity(count)
        var pass: UInt64 = 0
        while order.count < count {
            var rng = SplitMix64.derived(seed: seed ^ 0x5155_4553_5449_4F4E, stream: UInt64(round) << 32 | pass)
            order.append(contentsOf: rng.shuffled(Array(self.questions.indices)).prefix(count - order.count))
            pass += 1
        }
        return order
    }

    /// One logged interaction: the question, the response and the verifier's judgement of it.
    static func experience(
        question: DemoQuestion, response: String, finishReason: FinishReason? = nil, prompt: String = "",
        simulated: Bool,
        behaviour: String? = nil, promptID: String, round: Int, index: Int,
        verifier: Verifier, configuration: InteractionLogConfiguration
    ) -> Experience {
        var experience = question.unanswered
        experience.response = response
        // Only a cut is kept: it is what the verifier reads, and a log of thousands need not say "stop" each time.
        if let finishReason, finishReason == .length {
            experience.metadata[Experience.finishReasonKey] = .string(finishReason.rawValue)
        }
        // Scored against the prompt it was written under, as the trainer scores it; the log keeps only its id.
        let verdict = verifier.verify(experience.scored(underSystemPrompt: prompt))
        experience = configuration.labeler.labelled(experience, by: verdict)
        experience.id = "\(configuration.idPrefix)-r\(round)-\(promptID)-\(String(index).leftPadded(to: 4))"
        experience.createdAt = configuration.start.addingTimeInterval(Double(round) * 86_400 + Double(index) * 60)
        experience.promptID = promptID
        experience.metadata["round"] = .integer(round)
        if simulated { experience.metadata["simulated"] = .bool(true) }
        if let behaviour { experience.metadata["behaviour"] = .string(behaviour) }
        return experience
    }
}
