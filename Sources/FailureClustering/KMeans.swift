import Foundation
import Randomness

/// k-means on sparse rows (CSR) with dense centroids: k-means++ seeding, Lloyd iterations, best of several runs,
/// with scikit-learn's `KMeans` semantics (`n_init`, `max_iter`, `tol`, empty-cluster relocation).
///
/// Each Lloyd iteration assigns every row to the nearest centroid using
/// `||x - c||² = ||x||² - 2 x·c + ||c||²` (centroids transposed to `Float`, feature-major, so one sparse row updates
/// all k dot products with a contiguous SIMD loop), in parallel over fixed chunks of rows; then it recomputes each
/// centroid as the mean of its rows (in `Double`, in row order, parallel over clusters). A cluster left empty is
/// re-seeded with the row farthest from its own centroid (farthest first, ties by row index), as scikit-learn does.
/// A run stops when no label changes, or when the summed squared centre shift is at most
/// `tolerance * mean column variance` (scikit-learn's `tol`); if it stopped on the shift, labels are recomputed
/// against the final centroids. Results depend only on the data and the seed, never on thread timing.
package struct KMeans: Sendable {
    /// How a run picks its first centroids.
    package enum Initialization: Sendable, Hashable {
        /// scikit-learn's greedy k-means++: at each step, `2 + floor(ln k)` candidates drawn with probability
        /// proportional to squared distance, keeping the one that lowers the potential most. The default.
        case greedyKMeansPlusPlus
        /// Arthur and Vassilvitskii's k-means++: one candidate per step.
        case kMeansPlusPlus
        /// These rows of the data, in order (one per cluster).
        case rows([Int])
        /// These dense centroids (one array of `columnCount` values per cluster), e.g. to replay another tool's init.
        case centroids([[Double]])
    }

    /// k-means options; defaults follow scikit-learn where it has one.
    package struct Configuration: Sendable, Hashable {
        /// Number of clusters k; default 8 (scikit-learn's).
        package var clusterCount: Int
        /// Seeding method; default `.greedyKMeansPlusPlus`.
        package var initialization: Initialization
        /// Independent runs, the lowest inertia wins (`n_init`); default 1 (scikit-learn's `"auto"` for k-means++).
        /// Explicit `rows`/`centroids` inits are deterministic, so one run is made whatever this says.
        package var runCount: Int
        /// Lloyd iterations per run at most (`max_iter`); default 300.
        package var maxIterations: Int
        /// Relative tolerance on the centre shift, times the mean column variance (`tol`); default 1e-4.
        package var tolerance: Double
        /// Seed of the runs' random choices; default 0. A seed below 2^32 makes the same draws as scikit-learn's
        /// `random_state` (NumPy's `RandomState(seed)`), so the same seed picks the same k-means++ rows.
        package var seed: UInt64

        /// Options with the defaults above unless given.
        package init(
            clusterCount: Int = 8,
            initialization: Initialization = .greedyKMeansPlusPlus,
            runCount: Int = 1,
            maxIterations: Int = 300,
            tolerance: Double = 1e-4,
            seed: UInt64 = 0
        ) {
            self.clusterCount = clusterCount
            self.initialization = initialization
            self.runCount = runCount
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.seed = seed
        }
    }

    /// The options this instance applies.
    package var configuration: Configuration
    /// Checked between runs and iterations; `nil` runs to the end.
    package var stop: ClusteringStop?

    /// k-means with `configuration`.
    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Rows per parallel chunk: small enough to balance two cores, large enough to amortise the dispatch.
    static let rowChunkSize = 1024

    /// Clusters the rows of `matrix`.
    ///
    /// - Throws: `FailureClusteringError` when k < 1, k > rows, or an option is out of range.
    /// - Complexity: O(runs × (k × trials × nnz + iterations × (k × nnz + k × columns))) for nnz stored entries.
    package func fit(_ matrix: SparseMatrix) throws -> KMeansResult {
        let configuration = self.configuration
        let clusterCount = configuration.clusterCount
        if clusterCount < 1 { throw FailureClusteringError.clusterCountBelowOne(clusterCount) }
        if clusterCount > matrix.rowCount {
            throw FailureClusteringError.clusterCountTooLarge(clusterCount, itemCount: matrix.rowCount)
        }
        if configuration.runCount < 1 {
            throw FailureClusteringError.invalidParameter("n_init", "must be at least 1, got \(configuration.runCount)")
        }
        if configuration.maxIterations < 1 {
            throw FailureClusteringError.invalidParameter(
                "max_iter", "must be at least 1, got \(configuration.maxIterations)")
        }
        if !(configuration.tolerance >= 0) {
            throw FailureClusteringError.invalidParameter("tol", "must be >= 0, got \(configuration.tolerance)")
        }
        switch configuration.initialization {
        case .rows(let rows):
            if rows.count != clusterCount || rows.contains(where: { !(0..<matrix.rowCount).contains($0) }) {
                throw FailureClusteringError.invalidParameter("init", "needs \(clusterCount) row indices in range")
            }
        case .centroids(let centroids):
            if centroids.count != clusterCount || centroids.contains(where: { $0.count != matrix.columnCount }) {
                throw FailureClusteringError.invalidParameter(
                    "init", "needs \(clusterCount) centroids of \(matrix.columnCount) values")
            }
        case .greedyKMeansPlusPlus, .kMeansPlusPlus:
            break
        }

        let lloyd = Lloyd(matrix: matrix, clusterCount: clusterCount)
        let tolerance = configuration.tolerance * lloyd.meanColumnVariance()
        let runs: Int
        switch configuration.initialization {
        case .rows, .centroids: runs = 1
        case .greedyKMeansPlusPlus, .kMeansPlusPlus: runs = configuration.runCount
        }
        var best: KMeansResult?
        // One stream for all runs, as scikit-learn's `random_state`: run r starts where run r - 1's seeding stopped.
        var generator = MersenneTwister(seed: configuration.seed)
        for run in 0..<runs {
            try self.stop?.check()
            let initialRows: [Int]
            switch configuration.initialization {
            case .greedyKMeansPlusPlus:
                initialRows = lloyd.seedPlusPlus(localTrials: 2 + Int(log(Double(clusterCount))), using: &generator)
            case .kMeansPlusPlus:
                initialRows = lloyd.seedPlusPlus(localTrials: 1, using: &generator)
            case .rows(let rows):
                initialRows = rows
            case .centroids:
                initialRows = []
            }
            let centers: [Double]
            if case .centroids(let centroids) = configuration.initialization {
                centers = centroids.flatMap { $0 }
            } else {
                centers = initialRows.flatMap { matrix.denseRow($0) }
            }
            var result = try lloyd.run(
                centers: centers, maxIterations: configuration.maxIterations, tolerance: tolerance, stop: self.stop)
            result.bestRun = run
            result.initialRows = initialRows
            // scikit-learn's rule: a later run replaces the best only with a lower inertia *and* another partition,
            // so rounding in the inertia of one partition never swaps in a relabelled copy of it.
            if let current = best {
                if result.inertia < current.inertia && !Self.samePartition(result.labels, current.labels) {
                    best = result
                }
            } else {
                best = result
            }
        }
        return best!
    }
}

extension KMeans {
    /// Whether two labelings are the same partition up to renaming the clusters.
    static func samePartition(_ first: [Int], _ second: [Int]) -> Bool {
        guard first.count == second.count else { return false }
        var forward: [Int: Int] = [:]
        var backward: [Int: Int] = [:]
        for (a, b) in zip(first, second) {
            if forward[a, default: b] != b || backward[b, default: a] != a { return false }
            forward[a] = b
            backward[b] = a
        }
        return true
    }
}

/// One data set's Lloyd machinery: the matrix as raw arrays plus row norms, shared by seeding and iterations.
struct Lloyd {
    let matrix: SparseMatrix
    let clusterCount: Int
    let rowNorms: [Double]

    init(matrix: SparseMatrix, clusterCount: Int) {
        self.matrix = matrix
        self.clusterCount = clusterCount
        self.rowNorms = matrix.rowSquaredNorms()
    }

    /// The mean over columns of each column's (population) variance, as scikit-learn's `_tolerance`.
    func meanColumnVariance() -> Double {
        let columnCount = self.matrix.columnCount
        guard columnCount > 0, self.matrix.rowCount > 0 else { return 0 }
        var sums = [Double](repeating: 0, count: columnCount)
        var squares = [Double](repeating: 0, count: columnCount)
        for entry in 0..<self.matrix.nonZeroCount {
            let column = Int(self.matrix.columnIndices[entry])
            let value = Double(self.matrix.values[entry])
            sums[column] += value
            squares[column] += value * value
        }
        let rows = Double(self.matrix.rowCount)
        var total = 0.0
        for column in 0..<columnCount {
            let mean = sums[column] / rows
            total += max(0, squares[column] / rows - mean * mean)
        }
        return total / Double(columnCount)
    }

    // MARK: - Lloyd iterations

    /// One Lloyd run from `centers` (row-major k × columns).
    /// - Throws: What `stop` throws, checked before each iteration.
    func run(
        centers initial: [Double], maxIterations: Int, tolerance: Double, stop: ClusteringStop? = nil
    ) throws -> KMeansResult {
        let rowCount = self.matrix.rowCount
        let columnCount = self.matrix.columnCount
        let k = self.clusterCount
        var centers = initial
        var newCenters = [Double](repeating: 0, count: k * columnCount)
        var labels = [Int32](repeating: -1, count: rowCount)
        var previousLabels = labels
        var distances = [Float](repeating: 0, count: rowCount)
        var iterations = 0
        var strictConvergence = false
        var converged = false
        for iteration in 0..<maxIterations {
            try stop?.check()
            iterations = iteration + 1
            self.assign(centers: centers, labels: &labels, distances: &distances)
            let shift = self.update(
                centers: centers, labels: labels, distances: distances, into: &newCenters)
            swap(&centers, &newCenters)
            if labels == previousLabels {
                strictConvergence = true
                converged = true
                break
            }
            if shift <= tolerance {
                converged = true
                break
            }
            previousLabels = labels
        }
        if !strictConvergence {
            self.assign(centers: centers, labels: &labels, distances: &distances)
        }
        return KMeansResult(
            labels: labels.map(Int.init), centroids: centers, clusterCount: k, columnCount: columnCount,
            inertia: self.inertia(centers: centers, labels: labels), iterations: iterations, converged: converged,
            bestRun: 0)
    }

    /// Squared norms of the row-major centers, in `Double`.
    func centerNorms(_ centers: [Double]) -> [Double] {
        let columnCount = self.matrix.columnCount
        return (0..<self.clusterCount).map { cluster in
            var sum = 0.0
            for column in 0..<columnCount {
                let value = centers[cluster * columnCount + column]
                sum += value * value
            }
            return sum
        }
    }

    /// E-step: the nearest center of every row and its squared distance.
    func assign(centers: [Double], labels: inout [Int32], distances: inout [Float]) {
        let k = self.clusterCount
        let columnCount = self.matrix.columnCount
        var transposed = [Float](repeating: 0, count: k * columnCount)
        for cluster in 0..<k {
            for column in 0..<columnCount {
                transposed[column * k + cluster] = Float(centers[cluster * columnCount + column])
            }
        }
        let norms = self.centerNorms(centers).map { Float($0) }
        let rowNorms = self.rowNorms
        let offsets = self.matrix.rowOffsets
        transposed.withUnsafeBufferPointer { transposed in
            norms.withUnsafeBufferPointer { norms in
                self.matrix.columnIndices.withUnsafeBufferPointer { columns in
                    self.matrix.values.withUnsafeBufferPointer { values in
                        labels.withUnsafeMutableBufferPointer { labelBuffer in
                            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                                let labelOutput = SharedBuffer(labelBuffer)
                                let distanceOutput = SharedBuffer(distanceBuffer)
                                Parallel.forEachChunk(count: self.matrix.rowCount, chunkSize: KMeans.rowChunkSize) {
                                    _, rows in
                                    let dots = UnsafeMutablePointer<Float>.allocate(capacity: k)
                                    defer { dots.deallocate() }
                                    let centersT = transposed.baseAddress!
                                    for row in rows {
                                        dots.update(repeating: 0, count: k)
                                        for entry in offsets[row]..<offsets[row + 1] {
                                            let value = values[entry]
                                            let base = centersT + Int(columns[entry]) * k
                                            for cluster in 0..<k { dots[cluster] += value * base[cluster] }
                                        }
                                        var best = 0
                                        var bestDistance = norms[0] - 2 * dots[0]
                                        for cluster in 1..<k {
                                            let distance = norms[cluster] - 2 * dots[cluster]
                                            if distance < bestDistance {
                                                bestDistance = distance
                                                best = cluster
                                            }
                                        }
                                        labelOutput[row] = Int32(best)
                                        distanceOutput[row] = max(0, Float(rowNorms[row]) + bestDistance)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// M-step: the mean of each cluster's rows into `newCenters`, relocating empty clusters; returns the summed
    /// squared centre shift.
    func update(centers: [Double], labels: [Int32], distances: [Float], into newCenters: inout [Double]) -> Double {
        let k = self.clusterCount
        let columnCount = self.matrix.columnCount
        let rowCount = self.matrix.rowCount
        var sizes = [Int](repeating: 0, count: k)
        for label in labels { sizes[Int(label)] += 1 }
        let offsets = self.matrix.rowOffsets
        let groups = min(k, 8)
        newCenters.withUnsafeMutableBufferPointer { output in
            let sums = SharedBuffer(output)
            self.matrix.columnIndices.withUnsafeBufferPointer { columns in
                self.matrix.values.withUnsafeBufferPointer { values in
                    // Group g owns clusters g, g + groups, ...: disjoint writes, each summed in row order.
                    Parallel.forEach(iterations: groups) { group in
                        for cluster in stride(from: group, to: k, by: groups) {
                            let base = sums.buffer.baseAddress! + cluster * columnCount
                            base.update(repeating: 0, count: columnCount)
                        }
                        for row in 0..<rowCount where Int(labels[row]) % groups == group {
                            let base = sums.buffer.baseAddress! + Int(labels[row]) * columnCount
                            for entry in offsets[row]..<offsets[row + 1] {
                                base[Int(columns[entry])] += Double(values[entry])
                            }
                        }
                    }
                }
            }
        }
        // Relocate empty clusters to the rows farthest from their centers (scikit-learn's rule).
        let empty = (0..<k).filter { sizes[$0] == 0 }
        if !empty.isEmpty, let farthest = distances.max(), farthest > 0 {
            let order = (0..<rowCount).sorted {
                distances[$0] != distances[$1] ? distances[$0] > distances[$1] : $0 < $1
            }
            for (cluster, row) in zip(empty, order) {
                let old = Int(labels[row])
                for entry in offsets[row]..<offsets[row + 1] {
                    let column = Int(self.matrix.columnIndices[entry])
                    let value = Double(self.matrix.values[entry])
                    newCenters[old * columnCount + column] -= value
                    newCenters[cluster * columnCount + column] = value
                }
                sizes[old] -= 1
                sizes[cluster] = 1
            }
        }
        var shift = 0.0
        for cluster in 0..<k {
            let scale = sizes[cluster] > 0 ? 1 / Double(sizes[cluster]) : 1
            var clusterShift = 0.0
            for column in 0..<columnCount {
                let index = cluster * columnCount + column
                newCenters[index] *= scale
                let delta = newCenters[index] - centers[index]
                clusterShift += delta * delta
            }
            shift += clusterShift
        }
        return shift
    }

    /// Sum of squared distances of rows to their centers, in `Double` against the `Double` centers.
    func inertia(centers: [Double], labels: [Int32]) -> Double {
        let norms = self.centerNorms(centers)
        let columnCount = self.matrix.columnCount
        var total = 0.0
        for row in 0..<self.matrix.rowCount {
            let cluster = Int(labels[row])
            var dot = 0.0
            for entry in self.matrix.rowOffsets[row]..<self.matrix.rowOffsets[row + 1] {
                dot +=
                    Double(self.matrix.values[entry])
                    * centers[cluster * columnCount + Int(self.matrix.columnIndices[entry])]
            }
            total += max(0, self.rowNorms[row] - 2 * dot + norms[cluster])
        }
        return total
    }

    // MARK: - k-means++ seeding

    /// k-means++ seeding with `localTrials` candidates per step (scikit-learn's greedy variant when > 1); returns
    /// the chosen rows, one per cluster.
    ///
    /// Each step draws the candidates with probability proportional to the current squared distance to the
    /// nearest chosen center, computes every row's distance to each candidate in one parallel pass, and keeps the
    /// candidate whose potential (sum of the updated distances, summed per chunk in `Double`, chunks in order) is
    /// lowest.
    func seedPlusPlus(localTrials: Int, using generator: inout MersenneTwister) -> [Int] {
        let rowCount = self.matrix.rowCount
        let k = self.clusterCount
        var chosen = [Self.uniformRow(count: rowCount, using: &generator)]
        var closest = [Float](repeating: .infinity, count: rowCount)
        var potential = self.candidateDistances(to: chosen, closest: &closest, choose: { _ in 0 })
        var cumulative = [Double](repeating: 0, count: rowCount)
        while chosen.count < k {
            var running = 0.0
            for row in 0..<rowCount {
                running += Double(closest[row])
                cumulative[row] = running
            }
            let candidates = (0..<localTrials).map { _ -> Int in
                let target = generator.nextUnitDouble() * potential
                // numpy's searchsorted(side="left"): the first index whose cumulative sum is >= target.
                var low = 0
                var high = rowCount
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                }
                return min(low, rowCount - 1)
            }
            var best = 0
            potential = self.candidateDistances(to: candidates, closest: &closest) { potentials in
                best = potentials.indices.min {
                    potentials[$0] != potentials[$1] ? potentials[$0] < potentials[$1] : $0 < $1
                }!
                return best
            }
            chosen.append(candidates[best])
        }
        return chosen
    }

    /// A uniformly drawn row, drawn as scikit-learn draws k-means++'s first centre
    /// (`random_state.choice(n, p=w / w.sum())` with unit weights): one `random_sample` against the normalised
    /// running sum of `1/n`, searched with `side="right"`, so that rounding lands on the same row as NumPy's.
    static func uniformRow(count: Int, using generator: inout MersenneTwister) -> Int {
        let share = 1 / Double(count)
        var total = 0.0
        for _ in 0..<count { total += share }
        let target = generator.nextUnitDouble()
        var running = 0.0
        for row in 0..<count {
            running += share
            if running / total > target { return row }
        }
        return count - 1
    }

    /// Squared distances from every row to each source row; `choose` gets each source's potential
    /// `sum_i min(closest_i, d_i)` and picks one, whose distances then lower `closest`. Returns that potential.
    private func candidateDistances(
        to sources: [Int], closest: inout [Float], choose: ([Double]) -> Int
    ) -> Double {
        let rowCount = self.matrix.rowCount
        let count = sources.count
        // Sources scattered densely, feature-major: dense[column * count + source].
        var dense = [Float](repeating: 0, count: self.matrix.columnCount * count)
        for (index, row) in sources.enumerated() {
            for entry in self.matrix.rowOffsets[row]..<self.matrix.rowOffsets[row + 1] {
                dense[Int(self.matrix.columnIndices[entry]) * count + index] = self.matrix.values[entry]
            }
        }
        let sourceNorms = sources.map { Float(self.rowNorms[$0]) }
        let chunkCount = Parallel.chunkCount(count: rowCount, chunkSize: KMeans.rowChunkSize)
        var distances = [Float](repeating: 0, count: count * rowCount)
        var partials = [Double](repeating: 0, count: chunkCount * count)
        let rowNorms = self.rowNorms
        let offsets = self.matrix.rowOffsets
        dense.withUnsafeBufferPointer { dense in
            sourceNorms.withUnsafeBufferPointer { sourceNorms in
                self.matrix.columnIndices.withUnsafeBufferPointer { columns in
                    self.matrix.values.withUnsafeBufferPointer { values in
                        closest.withUnsafeBufferPointer { closest in
                            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                                partials.withUnsafeMutableBufferPointer { partialBuffer in
                                    let output = SharedBuffer(distanceBuffer)
                                    let sums = SharedBuffer(partialBuffer)
                                    Parallel.forEachChunk(count: rowCount, chunkSize: KMeans.rowChunkSize) {
                                        chunk, rows in
                                        let dots = UnsafeMutablePointer<Float>.allocate(capacity: count)
                                        // Chunk-local sums, written out once (no false sharing between threads).
                                        let local = UnsafeMutablePointer<Double>.allocate(capacity: count)
                                        local.initialize(repeating: 0, count: count)
                                        defer {
                                            dots.deallocate()
                                            local.deallocate()
                                        }
                                        let vectors = dense.baseAddress!
                                        for row in rows {
                                            dots.update(repeating: 0, count: count)
                                            for entry in offsets[row]..<offsets[row + 1] {
                                                let value = values[entry]
                                                let base = vectors + Int(columns[entry]) * count
                                                for index in 0..<count { dots[index] += value * base[index] }
                                            }
                                            let norm = Float(rowNorms[row])
                                            let nearest = closest[row]
                                            for index in 0..<count {
                                                let distance = max(0, norm + sourceNorms[index] - 2 * dots[index])
                                                output[index * rowCount + row] = distance
                                                local[index] += Double(min(nearest, distance))
                                            }
                                        }
                                        for index in 0..<count { sums[chunk * count + index] = local[index] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var potentials = [Double](repeating: 0, count: count)
        for chunk in 0..<chunkCount {
            for index in 0..<count { potentials[index] += partials[chunk * count + index] }
        }
        let best = choose(potentials)
        for row in 0..<rowCount { closest[row] = min(closest[row], distances[best * rowCount + row]) }
        return potentials[best]
    }
}
