import Verification

/// What training optimises for one answer: the reward model's reward, except that a non-answer (a refusal of an
/// answerable request, or an answer that leaves the request unanswered) earns no more than the logged answer it
/// replaces.
///
/// The reward ranks a refusal above a hallucination, as it should when it judges one answer; but a variant that turns
/// hallucinations into refusals then wins training on the difference, and only the gate's refusal guardrail stops it,
/// after the rollouts are spent and with nothing written (issue 16: refusals must not win). Capped, trading an answer
/// for a non-answer gains nothing, every answer that gets better still does, and a correct abstention on an
/// unanswerable request (no failure mode) is not capped. The gate, the report and provenance keep the reward itself.
package enum TrainingReward {
    /// The training reward of `verdict`; `loggedAnswerReward` is the reward of the experience's logged response when
    /// that was an answer, `nil` when it was a non-answer itself (or there is none to compare with).
    package static func of(_ verdict: Verdict, loggedAnswerReward: Double?) -> Double {
        guard let logged = loggedAnswerReward, verdict.isNonAnswerFailure else { return verdict.reward }
        return min(verdict.reward, logged)
    }
}
