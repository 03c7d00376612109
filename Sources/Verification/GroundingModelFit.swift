import Foundation

/// The fit `Scripts/fit_grounding_model.py` makes, in Swift, so the benchmark and the resource's test can refit the
/// shipped grounding model without numpy and compare it with `grounding-model.json`.
///
/// Loss: Σ_i v_i·logloss_i / Σ_i v_i + (λ/2)·|w|² (the bias not penalised), minimised by Newton's method; it is
/// strictly convex, so both implementations reach the same optimum up to rounding. While a weight points against its
/// ``GroundingFeatures/directions`` entry, the feature whose weight is most wrong is dropped (weight 0) and the rest
/// refitted. The shipped model's weights are rounded to four decimals and its threshold is the risk, among the
/// fitting rows', that maximises domain-weighted balanced accuracy.
package enum GroundingModelFit {
    /// λ, the L2 penalty on the feature weights (the script's `L2`).
    package static let l2 = 1e-3
    /// Decimals of the shipped weights (the script rounds them to 4).
    package static let weightDecimals = 4
    /// Decimals of the shipped threshold (the script rounds it to 6).
    package static let thresholdDecimals = 6

    /// The shipped model's fit of `features` (rows in ``GroundingFeatures/names`` order) with their `labels` and
    /// `domains`: the directed fit with each domain weighted equally, rounded as the script rounds, and its threshold.
    package static func fit(
        features: [[Double]], labels: [Bool], domains: [String]
    ) -> (model: GroundingModel, threshold: Double) {
        let weights = Self.domainWeights(domains)
        let fitted = Self.fitDirected(features, labels, weights: weights, l2: Self.l2)
        let model = GroundingModel(
            intercept: Self.rounded(fitted.intercept, Self.weightDecimals),
            featureWeights: fitted.featureWeights.map { Self.rounded($0, Self.weightDecimals) })
        let risks = features.map { row in
            1 / (1 + exp(-(model.intercept + zip(model.featureWeights, row).map(*).reduce(0, +))))
        }
        let threshold = Self.bestThreshold(risks, labels, weights: weights)
        return (model, Self.rounded(threshold, Self.thresholdDecimals))
    }

    /// Row weights giving each domain the same total weight.
    package static func domainWeights(_ domains: [String]) -> [Double] {
        var counts: [String: Int] = [:]
        for domain in domains { counts[domain, default: 0] += 1 }
        return domains.map { 1 / Double(counts[$0]!) }
    }

    /// L2-regularised logistic regression by Newton's method (the script's `fit_logistic`).
    package static func fitLogistic(_ x: [[Double]], _ y: [Bool], weights: [Double], l2: Double) -> GroundingModel {
        let d = x[0].count + 1
        var beta = Array(repeating: 0.0, count: d)  // bias last
        let total = weights.reduce(0, +)
        for _ in 0..<50 {
            var gradient = Array(repeating: 0.0, count: d)
            var hessian = Array(repeating: Array(repeating: 0.0, count: d), count: d)
            for (index, features) in x.enumerated() {
                let row = features + [1]
                var z = 0.0
                for j in 0..<d { z += beta[j] * row[j] }
                let p = 1 / (1 + exp(-z))
                let v = weights[index] / total
                let residual = v * (p - (y[index] ? 1 : 0))
                let curvature = v * p * (1 - p)
                for j in 0..<d {
                    gradient[j] += residual * row[j]
                    for k in 0...j { hessian[j][k] += curvature * row[j] * row[k] }
                }
            }
            for j in 0..<d {
                for k in 0..<j { hessian[k][j] = hessian[j][k] }
                if j < d - 1 {
                    gradient[j] += l2 * beta[j]
                    hessian[j][j] += l2
                }
            }
            let step = Self.solve(hessian, gradient)
            for j in 0..<d { beta[j] -= step[j] }
            if step.map(abs).max()! < 1e-10 { break }
        }
        return GroundingModel(intercept: beta[d - 1], featureWeights: Array(beta[0..<(d - 1)]))
    }

    /// ``fitLogistic(_:_:weights:l2:)``, then while some weight points against its
    /// ``GroundingFeatures/directions`` entry, drops the feature whose weight is most wrong (weight 0) and refits the
    /// rest (the script's `fit_directed`).
    package static func fitDirected(_ x: [[Double]], _ y: [Bool], weights: [Double], l2: Double) -> GroundingModel {
        var active = Array(x[0].indices)
        while true {
            let model = Self.fitLogistic(x.map { row in active.map { row[$0] } }, y, weights: weights, l2: l2)
            let wrong = zip(model.featureWeights, active).map { (GroundingFeatures.directions[$1] * $0, $1) }
                .filter { $0.0 < 0 }
            if let worst = wrong.min(by: { $0.0 < $1.0 }) {
                active.removeAll { $0 == worst.1 }
                continue
            }
            var full = Array(repeating: 0.0, count: x[0].count)
            for (weight, index) in zip(model.featureWeights, active) { full[index] = weight }
            return GroundingModel(intercept: model.intercept, featureWeights: full)
        }
    }

    /// (weighted true-positive rate + weighted true-negative rate) / 2 of `flagged`; NaN without both labels.
    package static func balancedAccuracy(_ labels: [Bool], _ flagged: [Bool], weights: [Double]? = nil) -> Double {
        var positive = 0.0
        var negative = 0.0
        var truePositive = 0.0
        var trueNegative = 0.0
        for index in labels.indices {
            let weight = weights?[index] ?? 1
            if labels[index] {
                positive += weight
                if flagged[index] { truePositive += weight }
            } else {
                negative += weight
                if !flagged[index] { trueNegative += weight }
            }
        }
        guard positive > 0, negative > 0 else { return .nan }
        return (truePositive / positive + trueNegative / negative) / 2
    }

    /// The threshold t among `scores` maximising (weighted) balanced accuracy of `score >= t`, the lowest when
    /// several tie (as numpy's `argmax` over the sorted unique scores).
    package static func bestThreshold(_ scores: [Double], _ labels: [Bool], weights: [Double]? = nil) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positive = 0.0
        var negative = 0.0
        for index in labels.indices {
            if labels[index] { positive += weights?[index] ?? 1 } else { negative += weights?[index] ?? 1 }
        }
        // Sweep from the lowest threshold (everything flagged) upwards.
        var truePositive = positive
        var trueNegative = 0.0
        var best = (threshold: scores[order[0]], value: 0.5)
        var position = 0
        while position < order.count {
            let value = scores[order[position]]
            let score = (truePositive / positive + trueNegative / negative) / 2
            if score > best.value { best = (value, score) }
            while position < order.count && scores[order[position]] == value {
                let index = order[position]
                if labels[index] { truePositive -= weights?[index] ?? 1 } else { trueNegative += weights?[index] ?? 1 }
                position += 1
            }
        }
        return best.threshold
    }

    /// Solves `a · x = b` by Gaussian elimination with partial pivoting.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = a
        var r = b
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            m.swapAt(column, pivot)
            r.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                for k in column..<n { m[row][k] -= factor * m[column][k] }
                r[row] -= factor * r[column]
            }
        }
        var x = Array(repeating: 0.0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = r[row]
            for k in (row + 1)..<n { sum -= m[row][k] * x[k] }
            x[row] = sum / m[row][row]
        }
        return x
    }

    /// `value` rounded to `decimals` decimals (half away from zero; the script's `round` rounds half to even, which
    /// differs only on exact halves).
    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }
}
