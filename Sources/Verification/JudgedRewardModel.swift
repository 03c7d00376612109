import Experiences
import LanguageModels
import Randomness
import Synchronization

/// The verifier with an LLM judge as a reward part: the judge rates (0-10) how well the knowledge and the
/// conversation support each output, and its score joins the weighted parts (`judge`, default weight 0.2).
///
/// Judge calls are cached by a hash of (judge prompt, experience input and context, output), so the trainer, which
/// often meets the same output again (the same variant answering the same experience), pays for each judgement once,
/// also when the same output is scored by several calls at once (a group's rollouts, `kaizen eval --answers`): they
/// share the judgement in flight.
/// An answer without a number is asked again once with a reminder; a second such answer is an error, not a silent
/// gap in the reward.
package struct JudgedRewardModel: RewardModel {
    package let verifier: Verifier
    package let judge: any LanguageModel
    private let cache = JudgeCache()

    package init(verifier: Verifier, judge: any LanguageModel) {
        self.verifier = verifier
        self.judge = judge
    }

    package var name: String { "\(self.verifier.name)+judge:\(self.judge.name)" }

    /// Judge calls made so far (cache misses), and answers served from the cache.
    package var judgeCalls: (made: Int, cached: Int) { self.cache.counts }

    package func score(output: String, for experience: Experience) async throws -> Verdict {
        try await self.scorer(for: experience)(output)
    }

    package func score(output: String, finishReason: FinishReason?, for experience: Experience) async throws -> Verdict
    {
        try await self.scorer(for: experience)(output, finishReason: finishReason)
    }

    package func scorer(for experience: Experience) -> OutputScorer {
        let prepared = self.verifier.prepare(experience)
        return OutputScorer { output, finishReason in
            var hasher = FNV1a()
            for text in [Verifier.judgeSystemPrompt, experience.input, experience.context ?? "", output] {
                hasher.mix(text.utf8)
                hasher.mix(UInt8(0xFF))
            }
            let score = try await self.cache.score(for: hasher.value) {
                [verifier = self.verifier, judge = self.judge] in
                do {
                    return try await verifier.judgeScore(output: output, experience: experience, judge: judge)
                } catch let error as VerificationError where error.isJudgeAnswer {
                    return try await verifier.judgeScore(
                        output: output + "\n\n(Reply with one integer from 0 to 10.)", experience: experience,
                        judge: judge)
                }
            }
            return self.verifier.verdict(output: output, finishReason: finishReason, prepared: prepared, judge: score)
        }
    }
}

/// Judge scores by key, shared by copies of one ``JudgedRewardModel``: each finished or in flight.
private final class JudgeCache: Sendable {
    private let state = Mutex<(scores: [UInt64: Task<Double, any Error>], made: Int, cached: Int)>(([:], 0, 0))

    /// Judgements made (counted when they succeed), and scores served from the cache or from a judgement in flight.
    var counts: (made: Int, cached: Int) { self.state.withLock { ($0.made, $0.cached) } }

    /// The score under `key`: the one judged before or being judged now, else `judge`'s, started here and shared by
    /// every call for the key meanwhile. A failed judgement is forgotten, so a later call asks again.
    func score(for key: UInt64, judge: @escaping @Sendable () async throws -> Double) async throws -> Double {
        let (task, started) = self.state.withLock { state -> (Task<Double, any Error>, Bool) in
            if let task = state.scores[key] {
                state.cached += 1
                return (task, false)
            }
            let task = Task { try await judge() }
            state.scores[key] = task
            return (task, true)
        }
        do {
            let score = try await task.value
            if started { self.state.withLock { $0.made += 1 } }
            return score
        } catch {
            if started { self.state.withLock { _ = $0.scores.removeValue(forKey: key) } }
            throw error
        }
    }
}
