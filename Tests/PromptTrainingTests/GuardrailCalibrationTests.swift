import PromptTraining
import Testing
import Verification

/// The guardrails' null trials (`GuardrailCalibration`), which the benchmarks use to measure how often the gate's
/// guardrails stop a version that changed nothing.
struct GuardrailCalibrationTests {
    static let configuration = TrainerConfiguration()

    static func answer(_ failures: [ResponseFailure] = [], words: Int = 12) -> GuardrailCalibration.Answer {
        let verdict = Verdict(
            id: nil, reward: failures.isEmpty ? 0.8 : 0.4, failureModes: failures,
            responseKind: failures.contains(.refusal) ? .refusal : .answer,
            parts: RewardParts(grounding: 0.7, length: 1), hallucination: failures.contains(.hallucination),
            unsupportedClaims: [])
        return (verdict, words)
    }

    /// Answers that never vary within an experience change nothing between the sides: no guardrail can block.
    @Test func answersThatNeverVaryNeverBlock() {
        let answers = (0..<30).map { index in
            [GuardrailCalibration.Answer](
                repeating: Self.answer(index % 3 == 0 ? [.refusal] : [], words: 5 + index), count: 6)
        }
        for perSide in [1, 3] {
            let trials = GuardrailCalibration.nullChecks(
                answers: answers, heldOut: 20, answersPerSide: perSide, trials: 40, resamples: 200,
                configuration: Self.configuration, seed: 1)
            #expect(trials.count == 40)
            #expect(trials.allSatisfy { $0.count == Guardrails.watched.count + 1 })
            #expect(GuardrailCalibration.blocks(trials).blocked == 0)
        }
    }

    /// The two sides never share an answer: with half of each experience's answers refusals and the other half not,
    /// one answer per side gives every experience's refusal to exactly one side when it has two answers, and three
    /// distinct answers per side out of six leave the two sides' shares summing to one.
    @Test func theSidesTakeDistinctAnswers() {
        let two = (0..<24).map { _ in [Self.answer([.refusal]), Self.answer()] }
        let six = (0..<24).map { _ in (0..<6).map { $0 < 3 ? Self.answer([.refusal]) : Self.answer() } }
        for (answers, perSide) in [(two, 1), (six, 3)] {
            let trials = GuardrailCalibration.nullChecks(
                answers: answers, heldOut: 20, answersPerSide: perSide, trials: 25, resamples: 100,
                configuration: Self.configuration, seed: 7)
            for checks in trials {
                let refusal = try! #require(checks.first { $0.name == "refusal" })
                #expect(abs(refusal.before + refusal.after - 1) < 1e-12, "\(refusal.sentence)")
            }
        }
    }

    /// Extra experiences come from their pool and never repeat one the held-out part took: 20 experiences of 10 + i
    /// words, 10 held out and 10 extra from a pool of all 20, so every trial covers each experience exactly once.
    @Test func extraExperiencesComeFromTheirPoolWithoutRepeats() {
        let answers = (0..<20).map { index in
            [GuardrailCalibration.Answer](repeating: Self.answer(words: 10 + index), count: 2)
        }
        let trials = GuardrailCalibration.nullChecks(
            answers: answers, heldOut: 10, extra: 10, extraPool: Array(0..<20), trials: 30, resamples: 100,
            configuration: Self.configuration, seed: 3)
        for checks in trials {
            let words = try! #require(checks.first { $0.name == "mean_words" })
            #expect(abs(words.before - 19.5) < 1e-12 && abs(words.after - 19.5) < 1e-12, "\(words.sentence)")
        }
    }

    @Test func listedOrdersByCountThenName() {
        #expect(GuardrailCalibration.listed([:]) == "-")
        #expect(
            GuardrailCalibration.listed(["refusal": 2, "mean_words": 5, "incomplete": 5])
                == "incomplete 5, mean_words 5, refusal 2")
    }
}
