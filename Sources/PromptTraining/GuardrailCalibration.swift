import RLTraining
import Randomness
import Verification

/// How often the gate's guardrails would block a version that changes nothing: the guardrails' false-block rate
/// under an exact null, the counterpart of ``RLTraining/GateCalibration`` for the reward's gain. The benchmarks
/// measure it on the simulator's answers and on a real model's.
package enum GuardrailCalibration {
    /// One answer as the guardrails read it.
    package typealias Answer = (verdict: Verdict, words: Int)

    /// The guardrails' checks in each null trial: `answers[e]` holds one prompt's answers to experience `e` under
    /// unrelated seeds, so two of them differ only by chance. Each trial picks `heldOut` experiences without
    /// replacement, then up to `extra` more from `extraPool` (logged successes, as the gate's
    /// ``TrainerConfiguration/guardrailSuccesses``) that the held-out part did not take, and for each experience
    /// gives each side `answersPerSide` different answers; then checks every guardrail as the gate does
    /// (``Guardrails/check(baseline:candidate:configuration:bootstrap:)``, `resamples` resamples, trial `t` seeded `t`).
    ///
    /// - Precondition: `1 ≤ heldOut ≤ answers.count`, every experience has at least `2 × answersPerSide` answers,
    ///   `trials ≥ 1`.
    package static func nullChecks(
        answers: [[Answer]], heldOut: Int, extra: Int = 0, extraPool: [Int] = [], answersPerSide: Int = 1,
        trials: Int, resamples: Int = 1000, configuration: TrainerConfiguration, seed: UInt64
    ) -> [[GuardrailCheck]] {
        precondition(heldOut >= 1 && heldOut <= answers.count, "heldOut must be in 1...experiences")
        precondition(answersPerSide >= 1, "at least one answer per side")
        precondition(answers.allSatisfy { $0.count >= 2 * answersPerSide }, "every experience needs 2 × answers")
        precondition(trials >= 1, "at least one trial")
        var rng = SplitMix64(seed: seed)
        var indices = Array(answers.indices)
        var pool = extraPool
        return (0..<trials).map { trial in
            indices.shuffle(using: &rng)
            let part = indices.prefix(heldOut)
            if extra > 0 { pool.shuffle(using: &rng) }
            let extraIndices = extra > 0 ? Array(pool.lazy.filter { !part.contains($0) }.prefix(extra)) : []
            var baseline: [[Answer]] = []
            var candidate: [[Answer]] = []
            for index in part + extraIndices {
                let count = answers[index].count
                if answersPerSide == 1 {
                    let first = Int(rng.next(upperBound: UInt64(count)))
                    var second = Int(rng.next(upperBound: UInt64(count - 1)))
                    if second >= first { second += 1 }
                    baseline.append([answers[index][first]])
                    candidate.append([answers[index][second]])
                } else {
                    // The first `answersPerSide` picks are one side, the next as many the other.
                    let picks = rng.distinctIndices(2 * answersPerSide, of: count)
                    baseline.append(picks[0..<answersPerSide].map { answers[index][$0] })
                    candidate.append(picks[answersPerSide...].map { answers[index][$0] })
                }
            }
            return Guardrails.check(
                baseline: baseline, candidate: candidate, configuration: configuration,
                bootstrap: BootstrapConfiguration(resamples: resamples, seed: UInt64(trial)))
        }
    }

    /// How many trials some guardrail blocked in, and how often each guardrail did, under `rule` (the gate's own,
    /// ``GuardrailCheck/blocked``, unless another is given to compare with).
    package static func blocks(
        _ trials: [[GuardrailCheck]], under rule: (GuardrailCheck) -> Bool = \.blocked
    ) -> (blocked: Int, byGuardrail: [String: Int]) {
        var byGuardrail: [String: Int] = [:]
        for checks in trials { for check in checks where rule(check) { byGuardrail[check.name, default: 0] += 1 } }
        return (trials.count { $0.contains(where: rule) }, byGuardrail)
    }

    /// "incomplete 22, mean_words 21": the guardrails by how often they blocked, most first (ties by name); "-" for
    /// none.
    package static func listed(_ counts: [String: Int]) -> String {
        let text = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
        return text.isEmpty ? "-" : text
    }
}
