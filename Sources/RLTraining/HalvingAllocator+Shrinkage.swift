extension HalvingAllocator {
    /// A variant's evidence in one round.
    struct RoundCell: Hashable, Sendable {
        var variant: Variant
        var round: Int
    }

    /// Each sampled variant's estimated advantage, for the variants phase's cuts: its own mean, shrunk towards what
    /// an additive model of its choices predicts (empirical Bayes).
    ///
    /// The additive model, `advantage ≈ round offset + Σ per-cluster choice effect`, is fitted by weighted least
    /// squares (backfitting) on every variant the run sampled, in the choice phase and since, the dropped ones too,
    /// so a choice's effect rests on every rollout that used it, not only on one variant's. A round's offset absorbs
    /// that its groups were made of other variants (an advantage is relative to its group). The variance of the
    /// variants' departures from the model beyond sampling noise (`τ²`, method of moments) sets how far each
    /// variant's own evidence pulls it away from the prediction: with no departures beyond noise the prediction
    /// decides, with large ones (clusters that interact) the variant's own mean does.
    /// Where the model has too few variants for a residual variance, the own means are returned.
    func variantEstimates() -> [Variant: Double] {
        let raw = self.ownMeans()
        guard let first = raw.keys.first else { return raw }
        let clusters = first.choices.count
        let roundCount = Set(self.roundEvidence.keys.map(\.round)).count
        let choicesUsed = (0..<clusters).map { cluster in Set(raw.keys.map { $0[cluster] }) }
        let parameters = roundCount + choicesUsed.reduce(0) { $0 + $1.count - 1 }
        let freedom = raw.count - parameters
        guard freedom >= 2 else { return raw }

        // Backfitting: each factor's effects are the weighted mean residual of the other factors' fit. The cells go in
        // a fixed order, so that the sums, and so a near tie, come out the same in every process.
        let cells = self.roundEvidence.sorted { lhs, rhs in
            lhs.key.round != rhs.key.round
                ? lhs.key.round < rhs.key.round
                : lhs.key.variant.choices.lexicographicallyPrecedes(rhs.key.variant.choices)
        }
        var roundEffect = [Int: Double]()
        var choiceEffect = [[Int: Double]](repeating: [:], count: clusters)
        func predicted(_ variant: Variant) -> Double {
            (0..<clusters).reduce(0) { $0 + (choiceEffect[$1][variant[$1]] ?? 0) }
        }
        for _ in 0..<50 {
            var sums = [Int: (weight: Double, total: Double)]()
            for (cell, evidence) in cells {
                let weight = Double(evidence.count)
                sums[cell.round, default: (0, 0)].weight += weight
                sums[cell.round, default: (0, 0)].total += weight * (evidence.mean - predicted(cell.variant))
            }
            roundEffect = sums.mapValues { $0.total / $0.weight }
            for cluster in 0..<clusters where choicesUsed[cluster].count > 1 {
                var choiceSums = [Int: (weight: Double, total: Double)]()
                for (cell, evidence) in cells {
                    let choice = cell.variant[cluster]
                    let weight = Double(evidence.count)
                    let rest = predicted(cell.variant) - (choiceEffect[cluster][choice] ?? 0)
                    choiceSums[choice, default: (0, 0)].weight += weight
                    choiceSums[choice, default: (0, 0)].total +=
                        weight * (evidence.mean - roundEffect[cell.round]! - rest)
                }
                choiceEffect[cluster] = choiceSums.mapValues { $0.total / $0.weight }
            }
        }

        // Each variant's departure from the model, its sampling variance (pooled within-cell variance over its
        // rollouts), and the spread of departures beyond that.
        var departures = [Variant: (weight: Double, total: Double)]()
        var withinSum = 0.0
        var withinFreedom = 0
        for (cell, evidence) in cells {
            let weight = Double(evidence.count)
            let fitted = roundEffect[cell.round]! + predicted(cell.variant)
            departures[cell.variant, default: (0, 0)].weight += weight
            departures[cell.variant, default: (0, 0)].total += weight * (evidence.mean - fitted)
            if evidence.count > 1 {
                withinSum += max(0, evidence.sumOfSquares - evidence.sum * evidence.mean)
                withinFreedom += evidence.count - 1
            }
        }
        guard withinFreedom > 0 else { return raw }
        let noise = withinSum / Double(withinFreedom)
        var squaredDepartures = 0.0
        var samplingVariance = 0.0
        for departure in departures.values.sorted(by: {
            $0.weight != $1.weight ? $0.weight < $1.weight : $0.total < $1.total
        }) {
            let mean = departure.total / departure.weight
            squaredDepartures += mean * mean
            samplingVariance += noise / departure.weight
        }
        let variants = Double(raw.count)
        let spread = max(0, (squaredDepartures - samplingVariance * Double(freedom) / variants) / Double(freedom))
        return departures.reduce(into: [Variant: Double]()) { estimates, entry in
            let mean = entry.value.total / entry.value.weight
            let sampling = noise / entry.value.weight
            let pull = spread + sampling > 0 ? spread / (spread + sampling) : 1
            estimates[entry.key] = predicted(entry.key) + pull * mean
        }
    }
}

extension HalvingAllocator {
    /// Each sampled variant's own mean advantage, over every round.
    func ownMeans() -> [Variant: Double] {
        var own = [Variant: Evidence]()
        for (cell, evidence) in self.roundEvidence { own[cell.variant, default: Evidence()].merge(evidence) }
        return own.mapValues(\.mean)
    }
}

extension HalvingAllocator.Evidence {
    mutating func merge(_ other: Self) {
        self.count += other.count
        self.sum += other.sum
        self.sumOfSquares += other.sumOfSquares
    }
}
