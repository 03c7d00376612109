import Experiences
import LanguageModels

extension Verifier {
    /// The judge's system prompt: it asks for one integer from 0 to 10.
    package static let judgeSystemPrompt = """
        You grade answers for factual support. Given the knowledge, the conversation and a response, rate from 0 to \
        10 how fully every claim in the response is supported by the knowledge and the conversation (10 = fully \
        supported, 0 = invented). Reply with the number only.
        """

    /// The judge's user turn for `output`: the knowledge, the conversation and the response.
    package static func judgeUserTurn(output: String, experience: Experience) -> String {
        """
        Knowledge:
        \(experience.context ?? "(none)")

        Conversation:
        \(experience.input)

        Response:
        \(output)
        """
    }

    /// Scores `output` with the judge part when `judge` is given.
    ///
    /// The judge gets ``judgeSystemPrompt`` and ``judgeUserTurn(output:experience:)`` at temperature 0 with the
    /// configured seed, and at most 8 tokens; the first number in its answer, from 0 to 10, divided by 10, is the
    /// judge part. With no judge the part is absent.
    /// - Throws: what the judge model throws; ``VerificationError`` when its answer has no number.
    package func verify(
        output: String,
        finishReason: FinishReason? = nil,
        for prepared: PreparedExperience,
        judge: (any LanguageModel)?
    ) async throws -> Verdict {
        guard let judge else { return self.verify(output: output, finishReason: finishReason, for: prepared) }
        let score = try await self.judgeScore(output: output, experience: prepared.experience, judge: judge)
        return self.verdict(output: output, finishReason: finishReason, prepared: prepared, judge: score)
    }

    /// Scores `experience`'s own response, with the judge when given.
    ///
    /// - Throws: what the judge model throws; ``VerificationError`` when its answer has no number.
    package func verify(_ experience: Experience, judge: (any LanguageModel)?) async throws -> Verdict {
        try await self.verify(
            output: experience.response, finishReason: experience.loggedFinishReason, for: self.prepare(experience),
            judge: judge)
    }

    /// One judge call and its parsed score.
    ///
    /// - Throws: what the judge model throws; ``VerificationError/judgeAnswer(_:)`` when the answer has no number.
    func judgeScore(output: String, experience: Experience, judge: any LanguageModel) async throws -> Double {
        let response = try await judge.generate(
            GenerationRequest(
                systemPrompt: Self.judgeSystemPrompt,
                userTurn: Self.judgeUserTurn(output: output, experience: experience), n: 1, temperature: 0,
                maxTokens: 8, seed: self.configuration.judgeSeed))
        let answer = response.outputs.first ?? ""
        guard let score = Self.judgeScore(from: answer) else { throw VerificationError.judgeAnswer(answer) }
        return score
    }

    /// The first number in `text` (digits with an optional decimal part) divided by 10; `nil` when there is none or
    /// it is above 10, which is no rating on the asked scale (SmolLM2-135M, asked to grade, answered "The answer is:
    /// 185", a number from the conversation, which clamping would have read as "fully supported").
    static func judgeScore(from text: String) -> Double? {
        var digits = ""
        var seenPoint = false
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == ".", !digits.isEmpty, !seenPoint {
                seenPoint = true
                digits.append(character)
            } else if !digits.isEmpty {
                break
            }
        }
        if digits.hasSuffix(".") { digits.removeLast() }
        guard let value = Double(digits), value <= 10 else { return nil }
        return value / 10
    }
}
