import Experiences
import Foundation
import Testing

@testable import FailureClustering

/// The failure-mode encoding: clusters follow what went wrong, the topic separates failures only within a mode, and
/// no `failure_type` label is read (issue 13).
struct FailureModeEncodingTests {
    /// Three subjects, each with its context and question.
    static let subjects: [(name: String, place: String, context: String, input: String)] = [
        (
            "ghent", "Ghent store",
            "The Ghent store opens at 9 am and has 12 staff members. It sells bicycles and spare parts.",
            "When does the Ghent store open?"
        ),
        (
            "lyon", "Lyon warehouse",
            "The Lyon warehouse ships parcels every Tuesday and holds 4000 pallets. The logistics team runs it.",
            "When does the Lyon warehouse ship parcels?"
        ),
        (
            "oslo", "Oslo office",
            "The Oslo office answers support tickets within 2 days. Its help desk works in three shifts.",
            "How fast does the Oslo office answer support tickets?"
        ),
    ]

    /// Per subject, two refusals and two answers that add an invented person and year (one per subject);
    /// `failure_type` labels that
    /// say nothing true (every failure "unknown"), since the encoding must not need them.
    static var failures: [Experience] {
        var failures: [Experience] = []
        for (index, subject) in Self.subjects.enumerated() {
            let refusals = [
                "I'm sorry, but I can't help with that request.",
                "I'm sorry, but I cannot assist with that.",
            ]
            let place = subject.place
            let (name, year) = [("Marcus Whitfield", 1987), ("Elena Okonkwo", 1964), ("Tobias Lindqvist", 1972)][index]
            let inventions = [
                "The \(place) was reorganised in \(year) by \(name).",
                "According to \(name), the \(place) changed its schedule in \(year).",
            ]
            for (kind, texts) in [("refusal", refusals), ("invention", inventions)] {
                for (position, text) in texts.enumerated() {
                    failures.append(
                        Experience(
                            id: "\(subject.name)-\(kind)-\(position)", input: subject.input, context: subject.context,
                            response: text, reward: 0.2, failureType: "unknown",
                            metadata: ["subject": .integer(index)]))
                }
            }
        }
        return failures
    }

    /// The cluster of each failure, keyed by id.
    static func clusterOf(_ result: ClusteringResult) -> [String: String] {
        var clusterOf: [String: String] = [:]
        for cluster in result.clusters {
            for id in cluster.memberIDs { clusterOf[id] = cluster.clusterID }
        }
        return clusterOf
    }

    @Test func refusalsOnDifferentSubjectsShareOneCluster() throws {
        let failures = Self.failures
        let result = try FailureClusterer(configuration: .init(clusterCount: 2)).cluster(failures)
        let clusterOf = Self.clusterOf(result)
        let modes = failures.map { $0.id.contains("refusal") ? "refusal" : "invention" }
        #expect(ClusteringMetrics.adjustedRandIndex(modes, failures.map { clusterOf[$0.id]! }) == 1)
        let refusalCluster = try #require(result.clusters.first { $0.memberIDs.contains("ghent-refusal-0") })
        #expect(refusalCluster.topTerms.first?.term == "mode:refusal")
        #expect(refusalCluster.label.hasPrefix("mode:refusal"))
    }

    @Test func topicSeparatesFailuresWithinAMode() throws {
        let failures = Self.failures.filter { $0.id.contains("invention") }
        let result = try FailureClusterer(configuration: .init(clusterCount: 3)).cluster(failures)
        let clusterOf = Self.clusterOf(result)
        let subjects = failures.map { $0.id.split(separator: "-")[0] }
        #expect(ClusteringMetrics.adjustedRandIndex(subjects, failures.map { clusterOf[$0.id]! }) == 1)
    }

    @Test func labelsAreNotRead() throws {
        let labelled = Self.failures
        var relabelled = labelled
        for index in relabelled.indices { relabelled[index].failureType = index.isMultiple(of: 2) ? "refusal" : nil }
        let first = try FailureClusterer(configuration: .init(clusterCount: 2)).cluster(labelled)
        let second = try FailureClusterer(configuration: .init(clusterCount: 2)).cluster(relabelled)
        #expect(first.clusters.map(\.memberIDs) == second.clusters.map(\.memberIDs))
    }

    @Test func topicEncodingIsTheTextAlone() throws {
        let failures = Self.failures
        let result = try FailureClusterer(configuration: .init(encoding: .topic, clusterCount: 2)).cluster(failures)
        #expect(result.parameters.encoding == .topic)
        #expect(!result.clusters.flatMap(\.topTerms).contains { $0.term.hasPrefix("mode:") })
        let modeResult = try FailureClusterer(configuration: .init(clusterCount: 2)).cluster(failures)
        #expect(modeResult.vocabularySize > result.vocabularySize)
    }

    @Test func sameSeedSameClusters() throws {
        let failures = Self.failures
        let first = try FailureClusterer(configuration: .init(seed: 5)).cluster(failures)
        let second = try FailureClusterer(configuration: .init(seed: 5)).cluster(failures)
        #expect(first == second)
    }

    @Test func emptyResponsesStillClusterByDiagnosis() throws {
        var failures = Self.failures
        for index in failures.indices where index.isMultiple(of: 3) { failures[index].response = "" }
        // Responses without a single term: the topic block is empty, the diagnosis (unanswered) is not.
        let onlyEmpty = failures.filter(\.response.isEmpty)
        #expect(onlyEmpty.count >= 2)
        let result = try FailureClusterer(configuration: .init(clusterCount: 1)).cluster(onlyEmpty)
        #expect(result.emptyTextCount == onlyEmpty.count)
        #expect(result.clusters.first?.topTerms.first?.term == "mode:unanswered")
        #expect(throws: FailureClusteringError.emptyVocabulary) {
            try FailureClusterer(configuration: .init(encoding: .topic, clusterCount: 1)).cluster(onlyEmpty)
        }
    }

    @Test func encodingOptionsDecodeAndValidate() throws {
        let decoded = try JSONDecoder().decode(
            FailureClusterer.Configuration.self, from: Data(#"{"encoding": "topic", "topic_weight": 0.2}"#.utf8))
        #expect(decoded.encoding == .topic)
        #expect(decoded.topicWeight == 0.2)
        let defaults = try JSONDecoder().decode(FailureClusterer.Configuration.self, from: Data("{}".utf8))
        #expect(defaults.encoding == .failureMode)
        #expect(defaults.topicWeight == 0.4)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FailureClusterer.Configuration.self, from: Data(#"{"encoding": "modes"}"#.utf8))
        }
        #expect(throws: FailureClusteringError.invalidParameter("topic_weight", "must be between 0 and 1, got 1.5")) {
            try FailureClusterer.Configuration(topicWeight: 1.5).validate()
        }
    }
}
