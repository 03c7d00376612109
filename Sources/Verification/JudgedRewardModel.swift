import Experiences
import LanguageModels
import Randomness
import Synchronization

/// The verifier with an LLM judge as a reward part: the judge rates (0-10) how well the knowledge and the
/// conversation support each output, and its score joins the weighted parts (`judge`, default weight 0.2).
///
/// Judge calls are cached by a hash of (judge prompt, experience input and context, output), so the trainer, which
/// often meets the same output again (the same variant answering the same experience), pays for each judgement once.
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
            let key = hasher.value
            if let score = self.cache.score(for: key) {
                return self.verifier.verdict(
                    output: output, finishReason: finishReason, prepared: prepared, judge: score)
            }
            let score: Double
            do {
                score = try await self.verifier.judgeScore(output: output, experience: experience, judge: self.judge)
            } catch let error as VerificationError where error.isJudgeAnswer {
                score = try await self.verifier.judgeScore(
                    output: output + "\n\n(Reply with one integer from 0 to 10.)", experience: experience,
                    judge: self.judge)
            }
            self.cache.store(score, for: key)
            return self.verifier.verdict(output: output, finishReason: finishReason, prepared: prepared, judge: score)
        }
    }
}

/// Judge scores by key, shared by copies of one ``JudgedRewardModel``.
private final class JudgeCache: Sendable {
    private let state = Mutex<(scores: [UInt64: Double], made: Int, cached: Int)>(([:], 0, 0))

    var counts: (made: Int, cached: Int) { self.state.withLock { ($0.made, $0.cached) } }

    func score(for key: UInt64) -> Double? {
        self.state.withLock { state in
            guard let score = state.scores[key] else { return nil }
            state.cached += 1
            return score
        }
    }

    func store(_ score: Double, for key: UInt64) {
        self.state.withLock { state in
            state.scores[key] = score
            state.made += 1
        }
    }
}
