import LanguageModels
import PatchGeneration

/// The coverage estimate behind `hallucination_reduction` (the expected share of the cluster's failures the patch
/// removes), and the coverage that scales `cluster_severity`.
///
/// With the cluster's category weights `w_c` (inferred scores normalised to sum to 1), the instruction families
/// the patch adds (`A = families(patched) − families(base)`) and removes
/// (`R = families(base) − families(patched)`):
/// ```
/// strength(c) = max( max_{f∈A} addresses_f(c), max_{f∈R} removal_f(c), 0.35 · [c ∈ targets] )
/// estimate    = Σ_c w_c · strength(c)
/// coverage    = Σ_c w_c · [strength(c) > 0]
/// ```
/// so a family the prompt already had adds nothing, a patch that only claims a target (no recognisable mechanism)
/// gets 0.35 of it, and a patch aimed at a category the cluster does not show gets nothing.
package struct ReductionEstimate: Sendable, Hashable {
    /// The estimate in 0...1.
    package var estimate: Double
    /// The coverage in 0...1.
    package var coverage: Double
    /// Families added.
    package var adds: [InstructionFamily]
    /// Families removed.
    package var removes: [InstructionFamily]

    /// The share a claimed target without a recognised mechanism counts for.
    package static let claimedOnly = 0.35

    /// Estimates for one patch.
    ///
    /// - Parameters:
    ///   - basePrompt: the prompt before the patch.
    ///   - patchedPrompt: the prompt after it.
    ///   - targets: the categories the patch claims to target.
    ///   - weights: the cluster's category weights (summing to 1).
    package init(
        basePrompt: String, patchedPrompt: String, targets: [FailureCategory], weights: [FailureCategory: Double]
    ) {
        self.init(
            baseFamilies: InstructionFamily.present(in: basePrompt),
            patchedFamilies: InstructionFamily.present(in: patchedPrompt), targets: targets, weights: weights)
    }

    /// The estimate with the families of the prompt before and after the patch already found (the ranker finds the
    /// base's once for all candidates, and an appended patch's from its parts).
    package init(
        baseFamilies before: Set<InstructionFamily>, patchedFamilies after: Set<InstructionFamily>,
        targets: [FailureCategory], weights: [FailureCategory: Double]
    ) {
        let adds = after.subtracting(before).sorted()
        let removes = before.subtracting(after).sorted()
        var estimate = 0.0
        var coverage = 0.0
        for (category, weight) in weights.sorted(by: { $0.key < $1.key }) {
            var strength = targets.contains(category) ? Self.claimedOnly : 0
            for family in adds { strength = max(strength, family.addresses[category] ?? 0) }
            for family in removes { strength = max(strength, family.removalAddresses[category] ?? 0) }
            estimate += weight * strength
            if strength > 0 { coverage += weight }
        }
        self.estimate = min(1, max(0, estimate))
        self.coverage = min(1, max(0, coverage))
        self.adds = adds
        self.removes = removes
    }
}
