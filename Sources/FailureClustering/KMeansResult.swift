/// The outcome of `KMeans.fit`: the best run's labels, centroids and inertia.
package struct KMeansResult: Sendable, Hashable {
    /// The cluster of each row, in `0..<clusterCount`.
    package var labels: [Int]
    /// The centroids, row-major: centroid `c` is `centroids[c * columnCount ..< (c + 1) * columnCount]`, the mean of
    /// its rows (a cluster left empty keeps a zero centroid, as in scikit-learn).
    package var centroids: [Double]
    /// Number of clusters.
    package var clusterCount: Int
    /// Number of columns of the data and the centroids.
    package var columnCount: Int
    /// Sum of squared distances of rows to their centroid (scikit-learn's `inertia_`).
    package var inertia: Double
    /// Lloyd iterations of the best run (scikit-learn's `n_iter_`).
    package var iterations: Int
    /// Whether the best run stopped before `maxIterations` (labels unchanged, or centre shift within tolerance).
    package var converged: Bool
    /// Which of the `runCount` runs was best (0-based).
    package var bestRun: Int
    /// The rows the best run started from, one per cluster in order (empty when it started from given centroids):
    /// with the same seed these are the rows scikit-learn's k-means++ picks.
    package var initialRows: [Int] = []

    /// Centroid `cluster` as a slice of `centroids`.
    package func centroid(_ cluster: Int) -> ArraySlice<Double> {
        self.centroids[(cluster * self.columnCount)..<((cluster + 1) * self.columnCount)]
    }

    /// Number of rows in each cluster.
    package var clusterSizes: [Int] {
        var sizes = [Int](repeating: 0, count: self.clusterCount)
        for label in self.labels { sizes[label] += 1 }
        return sizes
    }
}
