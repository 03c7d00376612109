import Foundation
import Randomness

/// The silhouette coefficient of a clustering under Euclidean distance, used to choose k: for each item,
/// `s = (b − a) / max(a, b)` with `a` its mean distance to the rest of its cluster and `b` the smallest mean distance
/// to another cluster; 0 for an item alone in its cluster (scikit-learn's `silhouette_samples`).
package enum Silhouette {
    /// The silhouette of each row of `matrix` under `labels`.
    ///
    /// - Throws: `FailureClusteringError` when the labels do not fit the rows or there are not between 2 and
    ///   rows − 1 distinct labels (scikit-learn's condition).
    /// - Parameter stop: once it is stopped, the rows not yet scored are skipped (their scores stay 0), so a cancelled
    ///   or timed-out clustering ends within one chunk of rows, not after all n² distances; the caller checks it.
    /// - Complexity: O(n² × mean row length) time (parallel over rows), O(n × clusters) memory.
    package static func samples(
        _ matrix: SparseMatrix, labels: [Int], stop: ClusteringStop? = nil
    ) throws -> [Double] {
        guard labels.count == matrix.rowCount else {
            throw FailureClusteringError.dimensionMismatch(
                "\(labels.count) labels for \(matrix.rowCount) rows")
        }
        var dense: [Int: Int] = [:]
        let compact = labels.map { label in
            if let index = dense[label] { return index }
            dense[label] = dense.count
            return dense.count - 1
        }
        let clusterCount = dense.count
        guard clusterCount >= 2 && clusterCount <= matrix.rowCount - 1 else {
            throw FailureClusteringError.invalidParameter(
                "labels",
                "the silhouette needs 2 to \(matrix.rowCount - 1) distinct labels, got \(clusterCount)")
        }
        var sizes = [Int](repeating: 0, count: clusterCount)
        for label in compact { sizes[label] += 1 }
        let rowCount = matrix.rowCount
        let norms = matrix.rowSquaredNorms()
        var scores = [Double](repeating: 0, count: rowCount)
        scores.withUnsafeMutableBufferPointer { output in
            let output = SharedBuffer(output)
            Parallel.forEachChunk(count: rowCount, chunkSize: 32) { _, rows in
                if stop?.isStopped == true { return }
                var scattered = [Double](repeating: 0, count: matrix.columnCount)
                var sums = [Double](repeating: 0, count: clusterCount)
                for row in rows {
                    let range = matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1]
                    for entry in range { scattered[Int(matrix.columnIndices[entry])] = Double(matrix.values[entry]) }
                    for cluster in 0..<clusterCount { sums[cluster] = 0 }
                    for other in 0..<rowCount where other != row {
                        var dot = 0.0
                        for entry in matrix.rowOffsets[other]..<matrix.rowOffsets[other + 1] {
                            dot += Double(matrix.values[entry]) * scattered[Int(matrix.columnIndices[entry])]
                        }
                        sums[compact[other]] += max(0, norms[row] + norms[other] - 2 * dot).squareRoot()
                    }
                    for entry in range { scattered[Int(matrix.columnIndices[entry])] = 0 }
                    let own = compact[row]
                    guard sizes[own] > 1 else {
                        output[row] = 0
                        continue
                    }
                    let intra = sums[own] / Double(sizes[own] - 1)
                    var inter = Double.infinity
                    for cluster in 0..<clusterCount where cluster != own {
                        inter = min(inter, sums[cluster] / Double(sizes[cluster]))
                    }
                    let scale = max(intra, inter)
                    output[row] = scale > 0 ? (inter - intra) / scale : 0
                }
            }
        }
        return scores
    }

    /// The mean silhouette, over all rows or over a seeded random sample of `sampleSize` rows (scikit-learn's
    /// `silhouette_score(sample_size=...)`: the silhouette of the sample alone).
    ///
    /// - Throws: as `samples(_:labels:)`, for the (sampled) rows.
    /// - Complexity: O(m² × mean row length) for m = min(rows, sampleSize).
    package static func score(
        _ matrix: SparseMatrix, labels: [Int], sampleSize: Int? = nil, seed: UInt64 = 0, stop: ClusteringStop? = nil
    ) throws -> Double {
        let rows = self.sampleRows(count: matrix.rowCount, sampleSize: sampleSize, seed: seed)
        let scores: [Double]
        if rows.count == matrix.rowCount {
            scores = try self.samples(matrix, labels: labels, stop: stop)
        } else {
            scores = try self.samples(matrix.selectingRows(rows), labels: rows.map { labels[$0] }, stop: stop)
        }
        return scores.reduce(0, +) / Double(scores.count)
    }

    /// The rows a sampled score uses: all of them when `sampleSize` is `nil` or not smaller than `count`, else
    /// `sampleSize` distinct rows drawn by a seeded partial Fisher-Yates shuffle, in increasing order.
    package static func sampleRows(count: Int, sampleSize: Int?, seed: UInt64) -> [Int] {
        guard let sampleSize, sampleSize < count else { return Array(0..<count) }
        var generator = SplitMix64(seed: seed)
        var indices = Array(0..<count)
        for position in 0..<sampleSize {
            let pick = Int.random(in: position..<count, using: &generator)
            indices.swapAt(position, pick)
        }
        return indices[0..<sampleSize].sorted()
    }
}
