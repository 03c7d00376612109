import Foundation
import Randomness
import Testing

@testable import FailureClustering

struct KMeansTests {
    @Test(arguments: SklearnFixture.shared.kmeans.map(\.name))
    func fixedInitMatchesScikitLearn(_ name: String) throws {
        let fixture = SklearnFixture.shared
        let expected = fixture.kmeans.first { $0.name == name }!
        let matrix = try fixture.vectorize(expected.tfidfCase).matrix
        let result = try KMeans(
            configuration: .init(clusterCount: expected.k, initialization: .rows(expected.initRows))
        ).fit(matrix)
        #expect(result.labels == expected.labels)
        #expect(abs(result.inertia - expected.inertia) <= 1e-6 * expected.inertia)
        #expect(result.iterations == expected.iterations)
        #expect(result.converged)
    }

    @Test func kMeansPlusPlusFindsScikitLearnsPartition() throws {
        let fixture = SklearnFixture.shared
        let expected = fixture.kmeans.first { $0.kMeansPlusPlusLabels != nil }!
        let matrix = try fixture.vectorize(expected.tfidfCase).matrix
        for seed: UInt64 in [0, 1, 2] {
            let result = try KMeans(configuration: .init(clusterCount: expected.k, runCount: 4, seed: seed)).fit(matrix)
            #expect(ClusteringMetrics.adjustedRandIndex(result.labels, expected.kMeansPlusPlusLabels!) == 1)
        }
    }

    @Test(arguments: SklearnFixture.shared.seededKMeans)
    func sameSeedStartsWhereScikitLearnStarts(_ expected: SklearnFixture.SeededKMeansCase) throws {
        let matrix = try SklearnFixture.shared.vectorize(expected.tfidfCase).matrix
        let result = try KMeans(
            configuration: .init(clusterCount: expected.k, runCount: expected.runCount, seed: expected.seed)
        ).fit(matrix)
        if expected.runCount == 1 { #expect(result.initialRows == expected.initialRows) }
        #expect(result.labels == expected.labels)
        #expect(abs(result.inertia - expected.inertia) <= 1e-6 * expected.inertia)
    }

    @Test func firstCentreIsDrawnAsNumPysChoice() {
        // np.random.RandomState(7): choice(10, p=ones(10)/10) == 0, then choice(1000, p=ones(1000)/1000) == 779.
        var generator = MersenneTwister(seed: UInt64(7))
        #expect(Lloyd.uniformRow(count: 10, using: &generator) == 0)
        #expect(Lloyd.uniformRow(count: 1000, using: &generator) == 779)
    }

    @Test func samePartitionIgnoresClusterNames() {
        #expect(KMeans.samePartition([0, 0, 1, 2], [2, 2, 0, 1]))
        #expect(!KMeans.samePartition([0, 0, 1, 2], [1, 1, 1, 2]))
        #expect(!KMeans.samePartition([0, 1, 1], [0, 1, 0]))
    }

    @Test func sameSeedSameResultAcrossChunks() throws {
        let matrix = Self.randomMatrix(rows: 5000, columns: 300, seed: 3)
        let configuration = KMeans.Configuration(clusterCount: 12, runCount: 2, seed: 9)
        let first = try KMeans(configuration: configuration).fit(matrix)
        let second = try KMeans(configuration: configuration).fit(matrix)
        #expect(first == second)
        #expect(Set(first.labels).count == 12)
        // Inertia equals the sum of squared distances to the reported centroids.
        var inertia = 0.0
        for row in 0..<matrix.rowCount {
            let dense = matrix.denseRow(row)
            let centroid = Array(first.centroid(first.labels[row]))
            inertia += zip(dense, centroid).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
        #expect(abs(inertia - first.inertia) <= 1e-9 * inertia)
    }

    @Test func emptyClusterIsReseededFromTheFarthestPoint() throws {
        let matrix = SparseMatrix(
            denseRows: [[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9], [0.5, 0.5]], columnCount: 2)
        let result = try KMeans(
            configuration: .init(clusterCount: 3, initialization: .centroids([[1, 0], [0, 1], [-5, -5]]))
        ).fit(matrix)
        #expect(result.clusterSizes.allSatisfy { $0 > 0 })
        #expect(result.clusterSizes.reduce(0, +) == 5)
    }

    @Test func identicalRowsLeaveClustersEmptyWithoutCrashing() throws {
        let matrix = SparseMatrix(denseRows: Array(repeating: [0.6, 0.8], count: 4), columnCount: 2)
        let result = try KMeans(configuration: .init(clusterCount: 3)).fit(matrix)
        #expect(result.inertia < 1e-12)
        #expect(Set(result.labels).count == 1)
    }

    @Test func badClusterCountsAreErrors() {
        let matrix = SparseMatrix(denseRows: [[1, 0], [0, 1]], columnCount: 2)
        #expect(throws: FailureClusteringError.clusterCountBelowOne(0)) {
            try KMeans(configuration: .init(clusterCount: 0)).fit(matrix)
        }
        #expect(throws: FailureClusteringError.clusterCountTooLarge(3, itemCount: 2)) {
            try KMeans(configuration: .init(clusterCount: 3)).fit(matrix)
        }
        #expect(throws: FailureClusteringError.self) {
            try KMeans(configuration: .init(clusterCount: 2, initialization: .rows([0]))).fit(matrix)
        }
    }

    /// Sparse rows around a few hidden centres, L2-normalised.
    static func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> SparseMatrix {
        var generator = SplitMix64(seed: seed)
        let centres = (0..<8).map { _ in (0..<6).map { _ in Int.random(in: 0..<columns, using: &generator) } }
        var dense: [[Double]] = []
        for _ in 0..<rows {
            var row = [Double](repeating: 0, count: columns)
            for column in centres[Int.random(in: 0..<centres.count, using: &generator)] {
                row[column] += generator.nextUnitDouble() + 0.5
            }
            for _ in 0..<3 { row[Int.random(in: 0..<columns, using: &generator)] += generator.nextUnitDouble() }
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            dense.append(row.map { $0 / norm })
        }
        return SparseMatrix(denseRows: dense, columnCount: columns)
    }
}
