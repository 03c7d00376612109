import Experiences
import LanguageModels
import Testing
import Verification

/// A judge that always answers the same text.
struct FixedJudge: LanguageModel {
    var answer: String
    var name: String { "fixed" }

    func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        GenerationResponse(outputs: [self.answer], usage: TokenUsage(), model: self.name, simulated: false)
    }
}

struct JudgeTests {
    static let experience = Experience(id: "j", input: "Who wrote it?", context: "It was written by Ann Lee.", response: "Ann Lee wrote it.")

    @Test func judgeScoreJoinsTheReward() async throws {
        let verifier = try Verifier()
        let verdict = try await verifier.verify(Self.experience, judge: FixedJudge(answer: "Score: 8/10"))
        #expect(verdict.parts.judge == 0.8)
        let grounding = verdict.parts.grounding
        #expect(grounding > 0.8 && !verdict.hallucination)
        #expect(abs(verdict.reward - (0.5 * grounding + 0.1 * 1 + 0.2 * 0.8) / 0.8) < 1e-12)
    }

    @Test func noJudgeOrNoNumberLeavesThePartOut() async throws {
        let verifier = try Verifier()
        let without = try await verifier.verify(Self.experience, judge: nil)
        #expect(without.parts.judge == nil)
        #expect(without == verifier.verify(Self.experience))
        let wordy = try await verifier.verify(Self.experience, judge: FixedJudge(answer: "well supported"))
        #expect(wordy.parts.judge == nil)
        let high = try await verifier.verify(Self.experience, judge: FixedJudge(answer: "12"))
        #expect(high.parts.judge == 1)
    }
}
