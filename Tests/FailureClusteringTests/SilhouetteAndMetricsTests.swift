import Foundation
import Testing

@testable import FailureClustering

struct SilhouetteTests {
    @Test(arguments: SklearnFixture.shared.silhouette.indices)
    func matchesScikitLearn(_ index: Int) throws {
        let fixture = SklearnFixture.shared
        let expected = fixture.silhouette[index]
        let matrix = try fixture.vectorize(expected.tfidfCase).matrix
        let samples = try Silhouette.samples(matrix, labels: expected.labels)
        #expect(samples.count == expected.samples.count)
        for (ours, theirs) in zip(samples, expected.samples) { #expect(abs(ours - theirs) < 1e-6) }
        #expect(abs(try Silhouette.score(matrix, labels: expected.labels) - expected.score) < 1e-6)
    }

    @Test func sampledScoreIsSeededAndUsesTheSampleOnly() throws {
        let matrix = KMeansTests.randomMatrix(rows: 600, columns: 80, seed: 5)
        let labels = try KMeans(configuration: .init(clusterCount: 5)).fit(matrix).labels
        let first = try Silhouette.score(matrix, labels: labels, sampleSize: 200, seed: 1)
        #expect(try Silhouette.score(matrix, labels: labels, sampleSize: 200, seed: 1) == first)
        let rows = Silhouette.sampleRows(count: 600, sampleSize: 200, seed: 1)
        #expect(rows.count == 200 && Set(rows).count == 200)
        let direct = try Silhouette.samples(matrix.selectingRows(rows), labels: rows.map { labels[$0] })
        #expect(abs(direct.reduce(0, +) / 200 - first) < 1e-12)
    }

    @Test func singleLabelIsAnError() {
        let matrix = SparseMatrix(denseRows: [[1, 0], [0, 1], [1, 1]], columnCount: 2)
        #expect(throws: FailureClusteringError.self) { try Silhouette.samples(matrix, labels: [0, 0, 0]) }
        #expect(throws: FailureClusteringError.self) { try Silhouette.samples(matrix, labels: [0, 1]) }
    }
}

struct ClusteringMetricsTests {
    @Test func matchesScikitLearn() {
        for metric in SklearnFixture.shared.metrics {
            #expect(abs(ClusteringMetrics.adjustedRandIndex(metric.truth, metric.predicted) - metric.ari) < 1e-9)
            #expect(
                abs(ClusteringMetrics.normalizedMutualInformation(metric.truth, metric.predicted) - metric.nmi) < 1e-9)
        }
    }

    @Test func handComputedCases() {
        // Pairs: same-same 1, same in truth only 1, same in prediction only 0, of C(4, 2) = 6: ARI = 4/7.
        let truth = [0, 0, 1, 1]
        let predicted = ["a", "a", "b", "c"]
        #expect(abs(ClusteringMetrics.adjustedRandIndex(truth, predicted) - 4.0 / 7.0) < 1e-12)
        // The prediction refines the truth: MI = H(truth) = ln 2, H(prediction) = 1.5 ln 2, NMI = 1 / 1.25.
        #expect(abs(ClusteringMetrics.normalizedMutualInformation(truth, predicted) - 0.8) < 1e-12)
        #expect(abs(ClusteringMetrics.mutualInformation(truth, predicted) - log(2.0)) < 1e-12)
        // Renaming labels changes nothing.
        #expect(ClusteringMetrics.adjustedRandIndex([1, 1, 2, 2, 3], [7, 7, 8, 8, 9]) == 1)
        #expect(abs(ClusteringMetrics.normalizedMutualInformation([1, 1, 2, 2, 3], [7, 7, 8, 8, 9]) - 1) < 1e-12)
    }
}
