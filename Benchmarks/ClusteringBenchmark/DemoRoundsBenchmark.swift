import Experiences
import FailureClustering
import Foundation
import SQLiteStore

/// `ClusteringBenchmark demo-rounds [DEMO_DIR]`: how well each encoding recovers what went wrong, on the failures
/// of every round of a `kaizen demo` run (its SQLite store in DEMO_DIR, default `kaizen-demo`).
///
/// Per round, the round's failures lose their `failure_type` and every verifier or simulator annotation
/// (`failure_modes`, `hallucination`, `behaviour`) before clustering, as unlabelled logs would arrive; they are
/// clustered as the pipeline clusters (k by silhouette over 2...6, seed 0 + round) as before issue 13 (topic, English
/// stop words dropped) and once per encoding now, and the adjusted
/// Rand index is taken against the simulator's own outcome for each output (metadata `behaviour`, which the demo logs).
enum DemoRoundsBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Annotations a real log would not have, removed before clustering.
    static let strippedMetadata = ["failure_modes", "hallucination", "behaviour", "simulated"]

    /// Before issue 13 (the topic with English stop words dropped), the topic encoding now, and the failure-mode
    /// encoding now; k by silhouette over 2...6 with the demo's seed for the round, as the pipeline runs it.
    static func configurations(round: Int) -> [FailureClusterer.Configuration] {
        let before = FailureClusterer.Configuration(
            encoding: .topic, clusterCountRange: 2...6, seed: UInt64(round),
            vectorizer: TFIDFVectorizer.Configuration(stopWords: .english, sublinearTF: true))
        return [before]
            + [ClusterEncoding.topic, .failureMode].map { encoding in
                FailureClusterer.Configuration(encoding: encoding, clusterCountRange: 2...6, seed: UInt64(round))
            }
    }

    static func run(directory: String) async throws {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("experiences.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "error: no demo store at \(path); run `swift run kaizen demo --fresh` first")
        }
        let store = try SQLiteExperienceStore(path: path)
        let failures = try await store.failures(ExperienceQuery())
        let rounds = Dictionary(grouping: failures) { failure -> Int in
            if case .integer(let round) = failure.metadata["round"] { return round }
            return 0
        }
        print(
            "| round | failures | outcomes (simulator) | before: k | before: ARI | topic: k | topic: ARI "
                + "| failure_mode: k | failure_mode: ARI |")
        print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for round in rounds.keys.sorted() {
            let members = rounds[round]!
            let truth = try members.map { failure -> String in
                guard let behaviour = failure.metadata["behaviour"]?.stringValue else {
                    throw Failure(
                        description: "error: failure \(failure.id) has no metadata 'behaviour'; rerun "
                            + "`kaizen demo --fresh` with this build, which logs the simulator's outcome")
                }
                return behaviour
            }
            let unlabelled = members.map { failure -> Experience in
                var failure = failure
                failure.failureType = nil
                for key in Self.strippedMetadata { failure.metadata[key] = nil }
                return failure
            }
            var cells: [String] = []
            for configuration in Self.configurations(round: round) {
                let result = try FailureClusterer(configuration: configuration).cluster(unlabelled)
                var clusterOf: [String: String] = [:]
                for cluster in result.clusters {
                    for id in cluster.memberIDs { clusterOf[id] = cluster.clusterID }
                }
                let predicted = unlabelled.map { clusterOf[$0.id]! }
                let ari = ClusteringMetrics.adjustedRandIndex(truth, predicted)
                cells += ["\(result.kSelection.chosenK)", String(format: "%.3f", ari)]
            }
            let outcomes = Dictionary(grouping: truth, by: { $0 }).mapValues(\.count)
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("| \(round) | \(members.count) | \(outcomes) | " + cells.joined(separator: " | ") + " |")
        }
    }
}
