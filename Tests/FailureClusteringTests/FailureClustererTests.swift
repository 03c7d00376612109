import Experiences
import Foundation
import Testing

@testable import FailureClustering

struct FailureClustererTests {
    /// Three kinds of failure with distinct vocabularies; 6 refund, 4 weather, 3 crash failures.
    static let failures: [Experience] = {
        let refund = [
            "I cannot process the refund for your card payment", "Your refund payment was declined by the card issuer",
            "The refund to your card will take ten days", "Refund declined: the card payment is still pending",
            "We charged your card twice and the refund failed", "Card refund unavailable for this payment",
        ]
        let weather = [
            "Tomorrow brings heavy rain and a strong storm", "The storm forecast says rain all weekend",
            "Expect rain, wind and a storm near the coast", "A storm with cold rain is in the forecast",
        ]
        let crash = [
            "Segfault: null pointer exception in the stack trace", "The stack trace shows a null pointer segfault",
            "Null pointer exception, see the stack trace",
        ]
        var failures: [Experience] = []
        for (index, text) in refund.enumerated() {
            failures.append(
                Experience(
                    id: "r\(index)", input: "refund question \(index)", response: text, reward: 0.25,
                    failureType: index < 4 ? "hallucination" : "refusal"))
        }
        for (index, text) in weather.enumerated() {
            failures.append(Experience(id: "w\(index)", input: "weather?", response: text, success: false))
        }
        for (index, text) in crash.enumerated() {
            failures.append(
                Experience(
                    id: "c\(index)", input: "debug this", response: text, reward: 0.0, failureType: "format"))
        }
        // Interleave so that input order is not cluster order.
        return failures.enumerated().sorted { ($0.offset % 5, $0.offset) < ($1.offset % 5, $1.offset) }.map(\.element)
    }()

    @Test func choosesKBySilhouetteAndDescribesClusters() throws {
        let failures = Self.failures
        // The topic encoding: this test checks the TF-IDF geometry (distances to centroids) by hand.
        let result = try FailureClusterer(configuration: .init(encoding: .topic, clusterCountRange: 2...6, seed: 1))
            .cluster(failures)
        #expect(result.kSelection.method == .silhouette)
        #expect(result.kSelection.chosenK == 3)
        #expect(result.kSelection.candidates.map(\.k) == [2, 3, 4, 5, 6])
        let best = result.kSelection.candidates.compactMap(\.silhouette).max()
        #expect(result.kSelection.candidates.first { $0.k == 3 }?.silhouette == best)
        #expect(result.failureCount == 13)
        #expect(result.clusters.map(\.clusterID) == ["cluster_1", "cluster_2", "cluster_3"])
        #expect(result.clusters.map(\.size) == [6, 4, 3])

        let refund = result.clusters[0]
        #expect(Set(refund.memberIDs) == Set((0..<6).map { "r\($0)" }))
        #expect(refund.memberIDs == failures.map(\.id).filter { $0.hasPrefix("r") })
        #expect(abs(refund.share - 6.0 / 13.0) < 1e-12)
        // Each refund failure has reward 0.25: loss 0.75 each.
        #expect(abs(refund.severity - 6 * 0.75 / 13) < 1e-12)
        #expect(refund.meanReward == 0.25)
        #expect(refund.topTerms.first.map { ["refund", "card", "payment"].contains($0.term) } == true)
        #expect(refund.label == refund.topTerms.prefix(3).map(\.term).joined(separator: ", "))
        #expect(
            refund.failureTypes == [
                FailureTypeCount(failureType: "hallucination", count: 4),
                FailureTypeCount(failureType: "refusal", count: 2),
            ])
        #expect(refund.representatives.count == 3)
        let representativeDistances = refund.representatives.map(\.distance)
        #expect(representativeDistances == representativeDistances.sorted())

        // Weather failures have no reward (loss 1 each) and no failure type.
        let weather = result.clusters[1]
        #expect(abs(weather.severity - 4.0 / 13.0) < 1e-12)
        #expect(weather.meanReward == nil)
        #expect(weather.failureTypes.isEmpty)
        #expect(result.clusters[2].failureTypes == [FailureTypeCount(failureType: "format", count: 3)])
        let totalSeverity: Double = result.clusters.map(\.severity).reduce(0, +)
        #expect(abs(totalSeverity - 11.5 / 13) < 1e-12)

        // Representatives are the members closest to the centroid.
        let vectors = try TFIDFVectorizer(configuration: result.parameters.vectorizer)
            .fitTransform(failures.map(\.response))
        let rows = refund.memberIDs.map { id in failures.firstIndex { $0.id == id }! }
        let centroid = rows.reduce(into: [Double](repeating: 0, count: vectors.vocabulary.count)) { sum, row in
            for (column, value) in vectors.matrix.row(row) { sum[column] += value / Double(rows.count) }
        }
        let distances: [Double] = rows.map { row in
            let dense = vectors.matrix.denseRow(row)
            var sum = 0.0
            for column in dense.indices {
                sum += (dense[column] - centroid[column]) * (dense[column] - centroid[column])
            }
            return sum.squareRoot()
        }
        // (Ties are possible: r1 and r3 have the same terms but one, so compare distances, not ids.)
        for representative in refund.representatives {
            let row = rows.firstIndex { failures[$0].id == representative.id }!
            #expect(abs(representative.distance - distances[row]) < 1e-6)
        }
        let nearest = distances.sorted().prefix(3)
        #expect(zip(refund.representatives.map(\.distance), nearest).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func sameInputSameResult() throws {
        let clusterer = FailureClusterer(configuration: .init(seed: 42))
        #expect(try clusterer.cluster(Self.failures) == clusterer.cluster(Self.failures))
    }

    @Test func givenKAndTextChoice() throws {
        let result = try FailureClusterer(configuration: .init(text: .both, clusterCount: 2)).cluster(Self.failures)
        #expect(result.kSelection.method == .given)
        #expect(result.kSelection.chosenK == 2)
        #expect(result.kSelection.candidates.count == 1)
        #expect(result.clusters.map(\.size).reduce(0, +) == 13)
        #expect(result.clusters.count == 2)
        #expect(result.clusters[0].size >= result.clusters[1].size)
    }

    @Test func twoFailuresMakeOneCluster() throws {
        let result = try FailureClusterer().cluster(Array(Self.failures.prefix(2)))
        #expect(result.kSelection.method == .singleCluster)
        #expect(result.clusters.count == 1)
        #expect(result.clusters[0].size == 2)
    }

    @Test func errors() {
        let failures = Self.failures
        #expect(throws: FailureClusteringError.tooFewFailures(count: 1, minimum: 2)) {
            try FailureClusterer().cluster(Array(failures.prefix(1)))
        }
        #expect(throws: FailureClusteringError.tooFewFailures(count: 0, minimum: 2)) {
            try FailureClusterer().cluster([])
        }
        #expect(throws: FailureClusteringError.clusterCountTooLarge(14, itemCount: 13)) {
            try FailureClusterer(configuration: .init(clusterCount: 14)).cluster(failures)
        }
        #expect(throws: FailureClusteringError.clusterCountBelowOne(0)) {
            try FailureClusterer(configuration: .init(clusterCount: 0)).cluster(failures)
        }
        #expect(throws: FailureClusteringError.self) {
            try FailureClusterer(configuration: .init(clusterCountRange: 1...4)).cluster(failures)
        }
        let stopWordsOnly = (0..<5).map {
            Experience(id: "\($0)", input: "x", response: "the and of it", success: false)
        }
        let englishTopics = FailureClusterer.Configuration(
            encoding: .topic, vectorizer: .init(stopWords: .english, sublinearTF: true))
        #expect(throws: FailureClusteringError.emptyVocabulary) {
            try FailureClusterer(configuration: englishTopics).cluster(stopWordsOnly)
        }
        #expect(FailureClusteringError.emptyVocabulary.description.contains("stop words"))
    }

    @Test func jsonUsesSnakeCaseAndRoundTrips() throws {
        let result = try FailureClusterer(configuration: .init(clusterCount: 3)).cluster(Self.failures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "clusters", "k_selection", "failure_count", "empty_text_count", "vocabulary_size", "inertia",
                "parameters",
            ])
        let cluster = try #require((object["clusters"] as? [[String: Any]])?.first)
        #expect(
            Set(cluster.keys) == [
                "cluster_id", "size", "share", "severity", "mean_reward", "top_terms", "label", "failure_types",
                "representatives", "member_ids",
            ])
        let representative = try #require((cluster["representatives"] as? [[String: Any]])?.first)
        #expect(Set(representative.keys).isSuperset(of: ["id", "input", "response", "distance"]))
        let selection = try #require(object["k_selection"] as? [String: Any])
        #expect(selection["chosen_k"] as? Int == 3)
        let parameters = try #require(object["parameters"] as? [String: Any])
        #expect(parameters["k"] as? Int == 3)
        #expect((parameters["vectorizer"] as? [String: Any])?["stop_words"] as? String == "none")
        #expect(parameters["encoding"] as? String == "failure_mode")
        #expect(try JSONDecoder().decode(ClusteringResult.self, from: data) == result)
    }

    @Test func configurationDecodesPartialJSON() throws {
        let configuration = try JSONDecoder().decode(
            FailureClusterer.Configuration.self,
            from: Data(#"{"text": "both", "k_range": [3, 5], "seed": 7, "vectorizer": {"ngram_range": [1, 2]}}"#.utf8))
        #expect(configuration.text == .both)
        #expect(configuration.clusterCount == nil)
        #expect(configuration.clusterCountRange == 3...5)
        #expect(configuration.seed == 7)
        #expect(configuration.representativeCount == 3)
        #expect(configuration.vectorizer.ngramRange == 1...2)
        // Keys left out of "vectorizer" keep the clusterer's defaults, not scikit-learn's.
        #expect(configuration.vectorizer.stopWords == .none)
        #expect(configuration.vectorizer.sublinearTF)
    }

    /// "none" is written plainly, and a present `null` or `[]` means none, not the default (issue 13).
    @Test(arguments: [#""none""#, "null", "[]"])
    func noStopWordsIsExpressiblePlainly(_ value: String) throws {
        let json = Data(#"{"stop_words": \#(value)}"#.utf8)
        #expect(try JSONDecoder().decode(TFIDFVectorizer.Configuration.self, from: json).stopWords == .none)
        // Under a caller whose default is English (the clusterer's before issue 13), the value still wins.
        #expect(try JSONDecoder().decode(EnglishByDefault.self, from: json).configuration.stopWords == .none)
        let encoded = try JSONEncoder().encode(StopWords.none)
        #expect(String(decoding: encoded, as: UTF8.self) == #""none""#)
    }

    @Test func labelsSkipStopWords() throws {
        let failures = (0..<6).map { index in
            Experience(
                id: "\(index)", input: "x",
                response: index < 3 ? "the the the refund of the order" : "the of the a timeout",
                success: false)
        }
        let result = try FailureClusterer(configuration: .init(encoding: .topic, clusterCount: 2)).cluster(failures)
        let terms = result.clusters.flatMap(\.topTerms).map(\.term)
        #expect(!terms.isEmpty)
        #expect(!terms.contains { EnglishStopWords.words.contains($0) })
    }
}

/// Vectoriser options decoded under a caller whose default stop words are English.
private struct EnglishByDefault: Decodable {
    var configuration: TFIDFVectorizer.Configuration

    init(from decoder: any Decoder) throws {
        self.configuration = try TFIDFVectorizer.Configuration(
            from: decoder.container(keyedBy: TFIDFVectorizer.Configuration.CodingKeys.self),
            defaults: TFIDFVectorizer.Configuration(stopWords: .english))
    }
}
