import Foundation

/// A policy over prompt variants: an independent categorical choice per cluster, `π_θ(a) = Π_c softmax(θ_c)[a_c]`.
///
/// Each cluster `c` has logits `θ_c` over its `m_c + 1` choices (index `0` = "no patch", `1...m_c` = its ranked
/// candidates). The policy factorises, so its most probable variant is the per-cluster argmax and its KL divergence
/// to another policy of the same shape is the sum of the per-cluster divergences. Logits are shift-invariant per
/// cluster; probabilities are computed with the max-subtraction (log-sum-exp) trick, so large logits are safe.
package struct PatchPolicy: Sendable, Hashable, Codable {
    /// The logits per cluster; `logits[c][0]` is "no patch".
    package private(set) var logits: [[Double]]

    /// Creates a policy from its logits per cluster.
    ///
    /// - Precondition: every cluster has at least one choice and every logit is finite (a programmer error otherwise).
    package init(logits: [[Double]]) {
        for cluster in logits {
            precondition(!cluster.isEmpty, "every cluster needs at least the no-patch choice")
            precondition(cluster.allSatisfy(\.isFinite), "logits must be finite")
        }
        self.logits = logits
    }

    /// Creates a policy with the given probabilities per cluster (logits are their logarithms).
    ///
    /// - Precondition: every probability is positive and each cluster's sum is 1 within `1e-9`.
    package init(probabilities: [[Double]]) {
        for cluster in probabilities {
            precondition(cluster.allSatisfy { $0 > 0 }, "probabilities must be positive")
            precondition(abs(cluster.reduce(0, +) - 1) < 1e-9, "probabilities must sum to 1")
        }
        self.init(logits: probabilities.map { $0.map { Foundation.log($0) } })
    }

    /// The number of clusters.
    package var clusterCount: Int { self.logits.count }

    /// The number of choices per cluster (`m_c + 1`, counting "no patch").
    package var choiceCounts: [Int] { self.logits.map(\.count) }

    /// The number of distinct variants, `Π_c (m_c + 1)`, or `nil` when it does not fit in an `Int`.
    package var variantCount: Int? {
        var count = 1
        for choices in self.choiceCounts {
            let (product, overflow) = count.multipliedReportingOverflow(by: choices)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// The total number of logits (the optimiser's parameter count), `Σ_c (m_c + 1)`.
    package var parameterCount: Int { self.logits.reduce(0) { $0 + $1.count } }

    /// `log softmax(θ_c)` for one cluster.
    ///
    /// - Complexity: O(m_c).
    package func logProbabilities(cluster: Int) -> [Double] {
        Self.logSoftmax(self.logits[cluster])
    }

    /// `softmax(θ_c)` for one cluster.
    ///
    /// - Complexity: O(m_c).
    package func probabilities(cluster: Int) -> [Double] {
        self.logProbabilities(cluster: cluster).map { Foundation.exp($0) }
    }

    /// `softmax(θ_c)` for every cluster.
    package var probabilities: [[Double]] {
        (0..<self.clusterCount).map { self.probabilities(cluster: $0) }
    }

    /// `log π_θ(a) = Σ_c log softmax(θ_c)[a_c]`.
    ///
    /// - Precondition: `variant` has one valid choice per cluster.
    /// - Complexity: O(Σ_c m_c).
    package func logProbability(of variant: Variant) -> Double {
        precondition(variant.clusterCount == self.clusterCount, "variant and policy cover different clusters")
        var total = 0.0
        for cluster in 0..<self.clusterCount {
            total += Self.logSoftmax(self.logits[cluster])[variant[cluster]]
        }
        return total
    }

    /// `π_θ(a)`.
    package func probability(of variant: Variant) -> Double {
        Foundation.exp(self.logProbability(of: variant))
    }

    /// The most probable variant: the argmax of each cluster's logits (ties go to the lower index, so "no patch"
    /// wins a tie).
    ///
    /// - Complexity: O(Σ_c m_c).
    package var mostProbableVariant: Variant {
        Variant(
            self.logits.map { cluster in
                var best = 0
                for index in cluster.indices where cluster[index] > cluster[best] { best = index }
                return best
            }
        )
    }

    /// Draws one variant, choosing each cluster independently by inverse-CDF sampling of one uniform draw.
    ///
    /// - Complexity: O(Σ_c m_c).
    package func sample(using rng: inout some RandomNumberGenerator) -> Variant {
        let tables = (0..<self.clusterCount).map { self.probabilities(cluster: $0) }
        return Self.sample(from: tables, using: &rng)
    }

    /// Draws one variant from precomputed per-cluster probabilities (what `sample(using:)` does, shared so a batch
    /// computes each softmax once).
    static func sample(from tables: [[Double]], using rng: inout some RandomNumberGenerator) -> Variant {
        var choices = [Int]()
        choices.reserveCapacity(tables.count)
        for table in tables {
            let draw = Double(rng.next() >> 11) * 0x1.0p-53
            var cumulative = 0.0
            var choice = table.count - 1
            for index in table.indices {
                cumulative += table[index]
                if draw < cumulative {
                    choice = index
                    break
                }
            }
            choices.append(choice)
        }
        return Variant(choices)
    }

    /// The exact divergence `KL(self ‖ reference) = Σ_c Σ_a π_c(a) log(π_c(a) / q_c(a))` (not an estimator).
    ///
    /// - Precondition: both policies have the same shape.
    /// - Complexity: O(Σ_c m_c).
    package func klDivergence(from reference: PatchPolicy) -> Double {
        precondition(reference.choiceCounts == self.choiceCounts, "policies have different shapes")
        var total = 0.0
        for cluster in 0..<self.clusterCount {
            let logP = self.logProbabilities(cluster: cluster)
            let logQ = reference.logProbabilities(cluster: cluster)
            for index in logP.indices {
                total += Foundation.exp(logP[index]) * (logP[index] - logQ[index])
            }
        }
        return total
    }

    /// The policy with every choice outside `choices[c]` pushed 30 below the lowest kept logit of its cluster
    /// (probability below `e⁻³⁰` of a kept one), the kept logits unchanged.
    ///
    /// - Precondition: one non-empty list of valid choices per cluster.
    package func restricted(to choices: [[Int]]) -> PatchPolicy {
        precondition(choices.count == self.clusterCount, "one list of choices per cluster")
        var logits = self.logits
        for cluster in logits.indices {
            let kept = Set(choices[cluster])
            precondition(!kept.isEmpty, "every cluster keeps at least one choice")
            let floor = kept.map { self.logits[cluster][$0] }.min()! - 30
            for index in logits[cluster].indices where !kept.contains(index) {
                logits[cluster][index] = min(logits[cluster][index], floor)
            }
        }
        return PatchPolicy(logits: logits)
    }

    /// Adds a choice at the end of `cluster`'s choices with the given logit (an evolved candidate; the other choices'
    /// logits are unchanged, so their probabilities shrink by the newcomer's share).
    ///
    /// - Precondition: `logit` is finite.
    package mutating func appendChoice(cluster: Int, logit: Double) {
        precondition(logit.isFinite, "logits must be finite")
        self.logits[cluster].append(logit)
    }

    /// The logits laid out cluster after cluster (the optimiser's parameter vector).
    var flattenedLogits: [Double] {
        get { self.logits.flatMap { $0 } }
        set {
            precondition(newValue.count == self.parameterCount, "parameter count changed")
            var offset = 0
            for cluster in self.logits.indices {
                let count = self.logits[cluster].count
                self.logits[cluster] = Array(newValue[offset..<offset + count])
                offset += count
            }
        }
    }

    /// `log softmax(x)`, stable for any finite input.
    static func logSoftmax(_ logits: [Double]) -> [Double] {
        let maximum = logits.max() ?? 0
        var sum = 0.0
        for logit in logits { sum += Foundation.exp(logit - maximum) }
        let logNormaliser = maximum + Foundation.log(sum)
        return logits.map { $0 - logNormaliser }
    }
}
