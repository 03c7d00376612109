/// How the held-out gate spends its rollouts.
package enum GateSchedule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Both prompts answer every held-out experience, then the gate decides once.
    case fixed
    /// The held-out experiences are answered in looks (``TrainerConfiguration/minimumHeldOut`` of them, then twice
    /// as many, and so on up to all): the gate stops at an interim look when its decision is already clear, and
    /// otherwise decides at the last look exactly as `.fixed` does.
    ///
    /// At an interim look it stops for a gain when the gain's 99.9% interval clears `min_gain` and no guardrail
    /// blocks (Haybittle–Peto: so strict that the interim looks add almost nothing to the 5% error of the final
    /// 95% test), and stops for no gain when the 95% interval lies wholly at or below `min_gain`, or a guardrail
    /// blocks (stopping to say no cannot make a wrong "yes" likelier).
    case sequential
}
