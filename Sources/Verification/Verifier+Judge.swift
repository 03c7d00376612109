import Experiences
import LanguageModels

extension Verifier {
    /// The judge's system prompt: it asks for one integer from 0 to 10.
    package static let judgeSystemPrompt = """
        You grade answers for factual support. Given the knowledge, the conversation and a response, rate from 0 to \
        10 how fully every claim in the response is supported by the knowledge and the conversation (10 = fully \
        supported, 0 = invented). Reply with the number only.
        """

    /// Scores `output` with the judge part when `judge` is given.
    ///
    /// The judge gets ``judgeSystemPrompt`` and a user turn with the knowledge, the conversation and the response, at
    /// temperature 0 with the configured seed; the first number in its answer, divided by 10 and clamped to 0...1,
    /// is the judge part. With no judge, or an answer without a number, the part is absent.
    /// - Throws: what the judge model throws.
    package func verify(
        output: String,
        for prepared: PreparedExperience,
        judge: (any LanguageModel)?
    ) async throws -> Verdict {
        guard let judge else { return self.verify(output: output, for: prepared) }
        let experience = prepared.experience
        let userTurn = """
            Knowledge:
            \(experience.context ?? "(none)")

            Conversation:
            \(experience.input)

            Response:
            \(output)
            """
        let response = try await judge.generate(
            GenerationRequest(
                systemPrompt: Self.judgeSystemPrompt, userTurn: userTurn, n: 1, temperature: 0, maxTokens: 8,
                seed: self.configuration.judgeSeed))
        let score = response.outputs.first.flatMap(Self.judgeScore(from:))
        return self.verdict(output: output, prepared: prepared, judge: score)
    }

    /// Scores `experience`'s own response, with the judge when given.
    ///
    /// - Throws: what the judge model throws.
    package func verify(_ experience: Experience, judge: (any LanguageModel)?) async throws -> Verdict {
        try await self.verify(output: experience.response, for: self.prepare(experience), judge: judge)
    }

    /// The first number in `text` (digits with an optional decimal part) divided by 10, clamped to 0...1.
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
        guard let value = Double(digits) else { return nil }
        return min(1, max(0, value / 10))
    }
}
