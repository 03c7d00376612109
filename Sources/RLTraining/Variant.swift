/// One prompt variant: for each targeted cluster, which of its choices is applied.
///
/// Choice `0` is "no patch" (the base prompt's text for that cluster is left alone); choice `k` in `1...m_c` is the
/// cluster's `k`-th ranked candidate, in the order the ranker returned them. A variant is what the policy samples and
/// what the reward function is asked to score.
package struct Variant: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The choice index per cluster, in cluster order; `0` means "no patch".
    package var choices: [Int]

    /// Creates a variant from its per-cluster choices (`0` = no patch).
    package init(_ choices: [Int]) {
        self.choices = choices
    }

    /// The choice index that means "leave this cluster unpatched".
    package static let noPatch = 0

    /// The number of clusters the variant covers.
    package var clusterCount: Int { self.choices.count }

    /// The choice for cluster `cluster`.
    package subscript(cluster: Int) -> Int { self.choices[cluster] }

    /// The choices written as `[0, 2, 1]`.
    package var description: String { "\(self.choices)" }
}
