import Foundation
import Testing

@testable import FailureClustering

/// scikit-learn's answers on small corpora, written by `Scripts/make_tfidf_fixture.py` into `Fixtures/`.
struct SklearnFixture: Decodable {
    struct TFIDFCase: Decodable {
        var name: String
        var corpus: String
        var parameters: TFIDFVectorizer.Configuration
        var vocabulary: [String]
        var idf: [Double]
        /// Per row, `[column, value]` pairs.
        var rows: [[[Double]]]
    }

    struct KMeansCase: Decodable {
        var name: String
        var tfidfCase: String
        var k: Int
        var initRows: [Int]
        var labels: [Int]
        var inertia: Double
        var iterations: Int
        var kMeansPlusPlusLabels: [Int]?

        enum CodingKeys: String, CodingKey {
            case name
            case tfidfCase = "case"
            case k
            case initRows = "init_rows"
            case labels, inertia, iterations
            case kMeansPlusPlusLabels = "kmeans_plus_plus_labels"
        }
    }

    /// scikit-learn's k-means++ rows and `KMeans(random_state:)` result for one seed.
    struct SeededKMeansCase: Decodable, CustomTestStringConvertible {
        var tfidfCase: String
        var k: Int
        var seed: UInt64
        var runCount: Int
        var initialRows: [Int]
        var labels: [Int]
        var inertia: Double

        enum CodingKeys: String, CodingKey {
            case tfidfCase = "case"
            case k, seed
            case runCount = "n_init"
            case initialRows = "initial_rows"
            case labels, inertia
        }

        var testDescription: String { "k=\(self.k) seed=\(self.seed) n_init=\(self.runCount)" }
    }

    struct SilhouetteCase: Decodable {
        var tfidfCase: String
        var labels: [Int]
        var score: Double
        var samples: [Double]

        enum CodingKeys: String, CodingKey {
            case tfidfCase = "case"
            case labels, score, samples
        }
    }

    struct MetricCase: Decodable {
        var truth: [Int]
        var predicted: [Int]
        var ari: Double
        var nmi: Double
    }

    var sklearnVersion: String
    var corpora: [String: [String]]
    var tfidfCases: [TFIDFCase]
    var kmeans: [KMeansCase]
    var seededKMeans: [SeededKMeansCase]
    var silhouette: [SilhouetteCase]
    var metrics: [MetricCase]

    enum CodingKeys: String, CodingKey {
        case sklearnVersion = "sklearn_version"
        case corpora
        case tfidfCases = "tfidf_cases"
        case kmeans
        case seededKMeans = "seeded_kmeans"
        case silhouette, metrics
    }

    static let shared: SklearnFixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sklearn_fixture.json")
        do {
            return try JSONDecoder().decode(SklearnFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot load \(url.path): \(error)")
        }
    }()

    func tfidfCase(_ name: String) -> TFIDFCase {
        self.tfidfCases.first { $0.name == name }!
    }

    /// The TF-IDF matrix of a case, vectorised by the Swift side.
    func vectorize(_ name: String) throws -> VectorizedCorpus {
        let testCase = self.tfidfCase(name)
        return try TFIDFVectorizer(configuration: testCase.parameters).fitTransform(self.corpora[testCase.corpus]!)
    }
}
