import Experiences
import LanguageModels
import Randomness

/// Scores outputs to one experience (see ``RewardModel/scorer(for:)``): call it with an output, and with why the
/// model stopped writing it when the backend said (``FinishReason/length``: the token cap cut it).
package struct OutputScorer: Sendable {
    private let body: @Sendable (_ output: String, _ finishReason: FinishReason?) async throws -> Verdict

    package init(_ body: @escaping @Sendable (_ output: String, _ finishReason: FinishReason?) async throws -> Verdict)
    {
        self.body = body
    }

    package func callAsFunction(_ output: String, finishReason: FinishReason? = nil) async throws -> Verdict {
        try await self.body(output, finishReason)
    }
}

/// What the trainer, the ranker's measured check and the pipeline optimise: a score for an output to an experience.
///
/// The idea of a DSPy metric or a GEPA evaluator: any type that turns (experience, output) into a ``Verdict`` can
/// define "better". The ``Verifier`` is the default; ``JudgedRewardModel`` adds an LLM judge to it. A custom model
/// should fill `failure_modes` honestly, because the held-out gate's guardrails read them.
package protocol RewardModel: Sendable {
    /// A stable name with a version, recorded in every prompt version's provenance (e.g. `kaizen-verifier/2`).
    var name: String { get }

    /// Scores `output` as an answer to `experience`.
    ///
    /// - Throws: what a model behind the reward throws (a judge's transport errors, an unreadable judge answer).
    func score(output: String, for experience: Experience) async throws -> Verdict

    /// Scores `output`, which ended for `finishReason` (`nil`: unknown), as an answer to `experience`. By default
    /// the reason is not read: it calls ``score(output:for:)``. The verifier scores an output the token cap cut
    /// (``FinishReason/length``) as `incomplete`.
    func score(output: String, finishReason: FinishReason?, for experience: Experience) async throws -> Verdict

    /// A scorer for many outputs to `experience`, which does once whatever depends on the experience alone. The
    /// trainer scores a group of outputs per experience, and the same experience again on every visit, so the
    /// verifier tokenises its input and context here rather than on every rollout. By default it calls
    /// ``score(output:for:)``.
    func scorer(for experience: Experience) -> OutputScorer
}

extension RewardModel {
    package func score(output: String, finishReason: FinishReason?, for experience: Experience) async throws -> Verdict
    {
        try await self.score(output: output, for: experience)
    }

    package func scorer(for experience: Experience) -> OutputScorer {
        OutputScorer { output, finishReason in
            try await self.score(output: output, finishReason: finishReason, for: experience)
        }
    }
}

extension Verifier: RewardModel {
    /// `kaizen-verifier/2`: the version with failure modes and outcome bands; with another grounding model,
    /// threshold or ``VerifierConfiguration/unsupportedAnswerShare`` than the shipped ones (a calibrated deployment),
    /// `kaizen-verifier/2+grounding-<8 hex digits>` of them, so a version's provenance tells which reward chose it.
    package var name: String {
        let model = self.configuration.groundingModel
        let threshold = self.configuration.hallucinationThreshold
        let share = self.configuration.unsupportedAnswerShare
        if model == GroundingModel.shipped && threshold == GroundingModel.shippedThreshold
            && share == GroundingModel.bundled.unsupportedAnswerShare
        {
            return "kaizen-verifier/2"
        }
        var text = ([model.intercept] + model.featureWeights + [threshold]).map { "\($0)" }.joined(separator: ",")
        if let share { text += ",share \(share)" }
        return "kaizen-verifier/2+grounding-" + String(String(FNV1a.hash(text.utf8), radix: 16).suffix(8))
    }

    package func score(output: String, for experience: Experience) async throws -> Verdict {
        self.verify(output: output, for: experience)
    }

    package func score(output: String, finishReason: FinishReason?, for experience: Experience) async throws -> Verdict
    {
        self.verify(output: output, finishReason: finishReason, for: experience)
    }

    package func scorer(for experience: Experience) -> OutputScorer {
        let prepared = self.prepare(experience)
        return OutputScorer { output, finishReason in
            self.verify(output: output, finishReason: finishReason, for: prepared)
        }
    }
}
