import Randomness

/// How often the held-out gate's rule ("the 95% interval's low end is above `min_gain` = 0") writes a version that is
/// no better than the base prompt: its false-write rate under an exact null, for the plain and the expanded
/// percentile bootstrap (``PairedBootstrap/expandedTail(count:confidence:)``). The benchmarks measure it on the
/// simulator's rewards and on a real model's.
package enum GateCalibration {
    /// How many of `trials` null trials each interval would have written.
    package struct Writes: Sendable, Hashable {
        package var plain: Int
        package var expanded: Int
        /// The gate's rule: the expanded interval clears 0 and so does the sign-flip test.
        package var gate: Int
        package var trials: Int
    }

    /// The null trials: `draws[e]` holds rewards of one prompt's answers to experience `e` under unrelated seeds, so
    /// two of them differ only by chance. Each trial picks `heldOut` experiences without replacement and, for each,
    /// two different draws, forms the paired differences (plus `noise` × the difference of two standard normal
    /// draws, when `noise` > 0), and decides as the gate does with `resamples` bootstrap resamples. With `answers`
    /// above 1 each side of a pair is the mean of that many different draws, as the gate compares experiences when
    /// each prompt answers each of them `answers` times (``PromptTraining`` `held_out_answers`).
    ///
    /// - Precondition: `1 ≤ heldOut ≤ draws.count`, every experience has at least `2 × answers` draws, `trials ≥ 1`.
    package static func nullWrites(
        draws: [[Double]], heldOut: Int, trials: Int, noise: Double = 0, resamples: Int = 2000, seed: UInt64,
        answers: Int = 1
    ) -> Writes {
        precondition(heldOut >= 1 && heldOut <= draws.count, "heldOut must be in 1...experiences")
        precondition(answers >= 1, "at least one answer per side")
        precondition(draws.allSatisfy { $0.count >= 2 * answers }, "every experience needs 2 × answers draws")
        precondition(trials >= 1, "at least one trial")
        var rng = SplitMix64(seed: seed)
        var writes = Writes(plain: 0, expanded: 0, gate: 0, trials: trials)
        var indices = Array(draws.indices)
        for trial in 0..<trials {
            indices.shuffle(using: &rng)
            let differences = indices.prefix(heldOut).map { index -> Double in
                if answers > 1 {
                    // The first `answers` picks are one side, the next `answers` the other.
                    let picks = rng.distinctIndices(2 * answers, of: draws[index].count)
                    let mean = { (slots: Range<Int>) in
                        slots.reduce(0) { $0 + draws[index][picks[$1]] } / Double(answers)
                    }
                    // Each answer's reward carries its own noise, so each side's mean carries the mean of theirs.
                    var jitter = 0.0
                    if noise > 0 {
                        for _ in 0..<answers { jitter += rng.nextStandardNormal() - rng.nextStandardNormal() }
                        jitter *= noise / Double(answers)
                    }
                    return mean(0..<answers) - mean(answers..<(2 * answers)) + jitter
                }
                let count = UInt64(draws[index].count)
                let first = Int(rng.next(upperBound: count))
                var second = Int(rng.next(upperBound: count - 1))
                if second >= first { second += 1 }
                let jitter = noise > 0 ? noise * (rng.nextStandardNormal() - rng.nextStandardNormal()) : 0
                return draws[index][first] - draws[index][second] + jitter
            }
            let bootstrap = BootstrapConfiguration(resamples: resamples, seed: UInt64(trial))
            if PairedBootstrap.mean(of: differences, configuration: bootstrap, expanded: false).low > 0 {
                writes.plain += 1
            }
            if PairedBootstrap.mean(of: differences, configuration: bootstrap).low > 0 {
                writes.expanded += 1
                if PairedBootstrap.signFlipPValue(of: differences, configuration: bootstrap) <= bootstrap.oneSidedLevel
                {
                    writes.gate += 1
                }
            }
        }
        return writes
    }
}
