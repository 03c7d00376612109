import Experiences
import LanguageModels
import Synchronization
import Testing
import Verification

/// A judge that always answers the same text, counting its calls.
final class FixedJudge: LanguageModel, Sendable {
    let answers: [String]
    /// How long each answer takes.
    let delay: Duration
    private let calls = Mutex(0)
    var name: String { "fixed" }

    init(answer: String, delay: Duration = .zero) {
        self.answers = [answer]
        self.delay = delay
    }

    init(answers: [String]) {
        self.answers = answers
        self.delay = .zero
    }

    var callCount: Int { self.calls.withLock { $0 } }

    func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        let index = self.calls.withLock { calls in
            defer { calls += 1 }
            return calls
        }
        if self.delay > .zero { try await Task.sleep(for: self.delay) }
        return GenerationResponse(
            outputs: [self.answers[min(index, self.answers.count - 1)]], usage: TokenUsage(), model: self.name,
            simulated: false)
    }
}

struct JudgeTests {
    static let experience = Experience(
        id: "j", input: "Who wrote it?", context: "It was written by Ann Lee.", response: "Ann Lee wrote it.")

    @Test func judgeScoreJoinsTheReward() async throws {
        let verifier = try Verifier()
        let verdict = try await verifier.verify(Self.experience, judge: FixedJudge(answer: "Score: 8/10"))
        #expect(verdict.parts.judge == 0.8)
        let grounding = verdict.parts.grounding
        // Every word of the answer is in the context's one sentence: the lowest risk the model gives.
        #expect(grounding == 1 - GroundingModel.shipped.risk(features: GroundingFeatures()))
        #expect(!verdict.hallucination && verdict.success)
        #expect(verdict.parts.relevance == 1)
        // q = (0.5 g + 0.1 · length 1 + 0.2 · judge 0.8) / 0.8 (relevance weighs 0 by default), clamped to the answer
        // band 0.8...1.
        let quality = (0.5 * grounding + 0.1 * 1 + 0.2 * 0.8) / 0.8
        #expect(abs(verdict.reward - min(1, max(0.8, quality))) < 1e-12)
    }

    @Test func noJudgeLeavesThePartOutAndNonsenseIsAnError() async throws {
        let verifier = try Verifier()
        let without = try await verifier.verify(Self.experience, judge: nil)
        #expect(without.parts.judge == nil)
        #expect(without == verifier.verify(Self.experience))
        await #expect(throws: VerificationError.self) {
            try await verifier.verify(Self.experience, judge: FixedJudge(answer: "well supported"))
        }
        // A first number above 10 is no rating: SmolLM2-135M answered a number from the conversation.
        for answer in ["12", "The answer is: 185"] {
            await #expect(throws: VerificationError.self, "\(answer)") {
                try await verifier.verify(Self.experience, judge: FixedJudge(answer: answer))
            }
        }
        let top = try await verifier.verify(Self.experience, judge: FixedJudge(answer: "10/10"))
        #expect(top.parts.judge == 1)
    }

    @Test func theJudgedRewardModelCachesJudgements() async throws {
        let judge = FixedJudge(answer: "7")
        let model = JudgedRewardModel(verifier: try Verifier(), judge: judge)
        let first = try await model.score(output: "Ann Lee wrote it.", for: Self.experience)
        let again = try await model.score(output: "Ann Lee wrote it.", for: Self.experience)
        let other = try await model.score(output: "Ann Lee wrote it in Paris.", for: Self.experience)
        #expect(first == again && first.parts.judge == 0.7)
        #expect(other.parts.judge == 0.7)
        #expect(judge.callCount == 2)
        #expect(model.judgeCalls.made == 2 && model.judgeCalls.cached == 1)
        #expect(model.name == "kaizen-verifier/2+judge:fixed")
    }

    /// Eight scores of one output at once (a group's rollouts) share one judgement.
    @Test func concurrentScoresOfOneOutputShareOneJudgement() async throws {
        let judge = FixedJudge(answer: "7", delay: .milliseconds(200))
        let model = JudgedRewardModel(verifier: try Verifier(), judge: judge)
        let judged = try await withThrowingTaskGroup(of: Double?.self) { group in
            for _ in 0..<8 {
                group.addTask { try await model.score(output: "Ann Lee wrote it.", for: Self.experience).parts.judge }
            }
            return try await group.reduce(into: [Double?]()) { $0.append($1) }
        }
        #expect(judged == Array(repeating: 0.7, count: 8))
        #expect(judge.callCount == 1)
        #expect(model.judgeCalls.made == 1 && model.judgeCalls.cached == 7)
    }

    @Test func theJudgedRewardModelAsksOnceMoreThenFails() async throws {
        let recovers = FixedJudge(answers: ["I think it is fine", "9"])
        let verdict = try await JudgedRewardModel(verifier: try Verifier(), judge: recovers)
            .score(output: "Ann Lee wrote it.", for: Self.experience)
        #expect(verdict.parts.judge == 0.9 && recovers.callCount == 2)

        let never = FixedJudge(answer: "fine")
        do {
            _ = try await JudgedRewardModel(verifier: try Verifier(), judge: never)
                .score(output: "Ann Lee wrote it.", for: Self.experience)
            Issue.record("a judge that never answers with a number must be an error")
        } catch let error as VerificationError {
            #expect(error.isJudgeAnswer && "\(error)".contains("no score from 0 to 10: \"fine\""))
        }
        #expect(never.callCount == 2)
    }
}
