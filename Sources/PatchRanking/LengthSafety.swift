/// The length-safety criterion: how little a patch grows the prompt, with a hard cap.
///
/// With growth `g` (estimated tokens added, one token per 4 UTF-8 bytes), budget `B` and cap `C > B`:
/// ```
/// score = 1                              if g ≤ 0
///       = 1 − 0.5 · g / B                if 0 < g ≤ B
///       = 0.5 · (C − g) / (C − B)        if B < g ≤ C
/// ```
/// and a patch with `g > C` (or a patched prompt over the size cap) is excluded, never ranked.
package enum LengthSafety {
    /// The score for growth `growth` under `budget` and `cap`, or `nil` when the growth is over the cap.
    package static func score(growth: Int, budget: Int, cap: Int) -> Double? {
        if growth > cap { return nil }
        if growth <= 0 { return 1 }
        if growth <= budget { return 1 - 0.5 * Double(growth) / Double(budget) }
        return 0.5 * Double(cap - growth) / Double(cap - budget)
    }
}
