import Foundation

/// Agreement between two labelings of the same items: adjusted Rand index and normalised mutual information, with
/// scikit-learn's definitions and edge cases, to score clusters against known labels.
package enum ClusteringMetrics {
    /// The adjusted Rand index (Hubert and Arabie): pair-counting agreement corrected for chance; 1 for identical
    /// partitions (whatever the label names), about 0 for independent ones, negative for worse than chance.
    ///
    /// As scikit-learn's `adjusted_rand_score`: from the pair confusion matrix,
    /// `ARI = 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))`, and 1 when `fn = fp = 0`.
    ///
    /// - Precondition: both arrays have the same length.
    /// - Complexity: O(n + distinct label pairs).
    package static func adjustedRandIndex<Truth: Hashable, Predicted: Hashable>(
        _ truth: [Truth], _ predicted: [Predicted]
    ) -> Double {
        precondition(truth.count == predicted.count, "labelings must have the same length")
        let table = Contingency(truth, predicted)
        let n = Double(truth.count)
        var sumSquares = 0.0
        var rowWeighted = 0.0
        var columnWeighted = 0.0
        for ((row, column), count) in table.cells {
            let count = Double(count)
            sumSquares += count * count
            rowWeighted += count * Double(table.columnTotals[column])
            columnWeighted += count * Double(table.rowTotals[row])
        }
        let truePositives = sumSquares - n
        let falsePositives = rowWeighted - sumSquares
        let falseNegatives = columnWeighted - sumSquares
        let trueNegatives = n * n - falsePositives - falseNegatives - sumSquares
        if falseNegatives == 0 && falsePositives == 0 { return 1 }
        return 2 * (truePositives * trueNegatives - falseNegatives * falsePositives)
            / ((truePositives + falseNegatives) * (falseNegatives + trueNegatives)
                + (truePositives + falsePositives) * (falsePositives + trueNegatives))
    }

    /// Normalised mutual information with the arithmetic mean of the two entropies as normaliser (scikit-learn's
    /// default `average_method="arithmetic"`): 1 for identical partitions, 0 for independent ones.
    ///
    /// Edge cases as scikit-learn: 1 when both labelings have a single (or no) class; 0 when the mutual
    /// information is 0.
    ///
    /// - Precondition: both arrays have the same length.
    /// - Complexity: O(n + distinct label pairs).
    package static func normalizedMutualInformation<Truth: Hashable, Predicted: Hashable>(
        _ truth: [Truth], _ predicted: [Predicted]
    ) -> Double {
        precondition(truth.count == predicted.count, "labelings must have the same length")
        let table = Contingency(truth, predicted)
        let classes = table.rowTotals.count
        let clusters = table.columnTotals.count
        if (classes == 1 && clusters == 1) || (classes == 0 && clusters == 0) { return 1 }
        let mutualInformation = self.mutualInformation(table)
        if mutualInformation == 0 { return 0 }
        let normaliser = (self.entropy(table.rowTotals) + self.entropy(table.columnTotals)) / 2
        return mutualInformation / normaliser
    }

    /// Mutual information of two labelings in nats (scikit-learn's `mutual_info_score`).
    package static func mutualInformation<Truth: Hashable, Predicted: Hashable>(
        _ truth: [Truth], _ predicted: [Predicted]
    ) -> Double {
        precondition(truth.count == predicted.count, "labelings must have the same length")
        return self.mutualInformation(Contingency(truth, predicted))
    }

    private static func mutualInformation(_ table: Contingency) -> Double {
        let n = Double(table.total)
        guard n > 0 else { return 0 }
        var sum = 0.0
        for ((row, column), count) in table.cells {
            let count = Double(count)
            let outer = Double(table.rowTotals[row]) * Double(table.columnTotals[column])
            sum += count / n * (log(count) - log(n) + log(n * n) - log(outer))
        }
        return max(0, sum)
    }

    private static func entropy(_ totals: [Int]) -> Double {
        let n = Double(totals.reduce(0, +))
        guard n > 0 else { return 1 }
        var sum = 0.0
        for total in totals where total > 0 {
            let p = Double(total) / n
            sum -= p * log(p)
        }
        return sum
    }
}

/// The contingency table of two labelings: counts of items per (true class, predicted cluster).
private struct Contingency {
    struct Cell: Hashable {
        var row: Int
        var column: Int
    }

    var rowTotals: [Int] = []
    var columnTotals: [Int] = []
    var counts: [Cell: Int] = [:]
    var total = 0

    init<Truth: Hashable, Predicted: Hashable>(_ truth: [Truth], _ predicted: [Predicted]) {
        var rows: [Truth: Int] = [:]
        var columns: [Predicted: Int] = [:]
        for (label, cluster) in zip(truth, predicted) {
            let row = Self.index(of: label, in: &rows, totals: &self.rowTotals)
            let column = Self.index(of: cluster, in: &columns, totals: &self.columnTotals)
            self.rowTotals[row] += 1
            self.columnTotals[column] += 1
            self.counts[Cell(row: row, column: column), default: 0] += 1
            self.total += 1
        }
    }

    /// The index of `key` in order of first appearance, adding it with a zero total when it is new.
    private static func index<Key: Hashable>(of key: Key, in indices: inout [Key: Int], totals: inout [Int]) -> Int {
        if let existing = indices[key] { return existing }
        indices[key] = totals.count
        totals.append(0)
        return totals.count - 1
    }

    /// Non-zero cells in a fixed order (by row, then column), so sums do not depend on hashing.
    var cells: [((row: Int, column: Int), Int)] {
        self.counts.map { (($0.key.row, $0.key.column), $0.value) }.sorted {
            ($0.0.row, $0.0.column) < ($1.0.row, $1.0.column)
        }
    }
}
