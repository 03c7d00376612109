import Experiences
import Randomness

/// Scores outputs to one experience (see ``RewardModel/scorer(for:)``).
package typealias OutputScorer = @Sendable (_ output: String) async throws -> Verdict

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

    /// A scorer for many outputs to `experience`, which does once whatever depends on the experience alone. The
    /// trainer scores a group of outputs per experience, and the same experience again on every visit, so the
    /// verifier tokenises its input and context here rather than on every rollout. By default it calls
    /// ``score(output:for:)``.
    func scorer(for experience: Experience) -> OutputScorer
}

extension RewardModel {
    package func scorer(for experience: Experience) -> OutputScorer {
        { output in try await self.score(output: output, for: experience) }
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

    package func scorer(for experience: Experience) -> OutputScorer {
        let prepared = self.prepare(experience)
        return { output in self.verify(output: output, for: prepared) }
    }
}
