import ArgumentParser
import Experiences
import FailureClustering
import Foundation
import Stages

/// `kaizen cluster`: group the stored failures into failure modes.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster stored failures (TF-IDF + k-means) and store the run.",
        discussion: """
            Without -k, k is chosen by silhouette over --k-min...--k-max. The run id names it for later stages. \
            By default clusters follow what went wrong (the verifier's diagnosis of each failure, then its topic); \
            --encoding topic clusters by the text alone.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .short, help: "Number of clusters.")
    var k: Int?

    @Option(help: "Smallest k tried when -k is not given.")
    var kMin = 2

    @Option(help: "Largest k tried when -k is not given.")
    var kMax = 10

    @Option(help: "Only failures of this prompt version.")
    var promptID: String?

    @Option(help: "Only failures at or after this time (RFC 3339).")
    var since: String?

    @Option(help: "Only failures before this time (RFC 3339).")
    var until: String?

    @Option(help: "At most this many failures (oldest first).")
    var limit = ClusterRequest.defaultLimit

    @Option(help: "What clusters follow: failure_mode (what went wrong, then the topic) or topic (the text alone).")
    var encoding = ClusterEncoding.failureMode

    @Option(help: "Which text to encode: response, input or both.")
    var text = ClusterText.response

    @Option(help: "Representative failures per cluster.")
    var representatives = 3

    @Option(help: "Random seed.")
    var seed: UInt64 = 0

    @Flag(help: "Print the run as JSON instead of tables.")
    var json = false

    func validate() throws {
        if let since, RFC3339.date(from: since) == nil { throw ValidationError("--since is not an RFC 3339 time") }
        if let until, RFC3339.date(from: until) == nil { throw ValidationError("--until is not an RFC 3339 time") }
        if self.kMin > self.kMax { throw ValidationError("--k-min must not exceed --k-max") }
        // Every bound the stage checks (k, n_init, limit, ...) is a mistake in the command line, exit 64.
        do {
            try ClusteringStage.validate(self.request)
        } catch let error as FailureClusteringError {
            throw ValidationError(Self.inOptionNames(error.description))
        } catch let error as ClusteringStageError {
            throw ValidationError(Self.inOptionNames(error.description))
        }
    }

    /// The stage names the request's JSON fields; on the command line they are options.
    static func inOptionNames(_ message: String) -> String {
        [
            ("'k_range'", "--k-min/--k-max"), ("'k'", "-k"), ("'limit'", "--limit"), ("'since'", "--since"),
            ("'until'", "--until"), ("'prompt_id'", "--prompt-id"), ("'representatives'", "--representatives"),
        ].reduce(message) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// The request these options make.
    var request: ClusterRequest {
        ClusterRequest(
            since: self.since.flatMap(RFC3339.date(from:)), until: self.until.flatMap(RFC3339.date(from:)),
            promptID: self.promptID, limit: self.limit,
            configuration: FailureClusterer.Configuration(
                encoding: self.encoding, text: self.text, clusterCount: self.k,
                clusterCountRange: self.kMin...self.kMax, seed: self.seed,
                representativeCount: self.representatives))
    }

    func run() async throws {
        let environment = try KaizenEnvironment(options: self.global)
        let store = try environment.openStore()
        let request = self.request
        let run: ClusteringRun
        do {
            run = try await ClusteringStage(store: store, runs: store).cluster(request)
        } catch let error as FailureClusteringError {
            throw CommandFailure(error.description)
        } catch let error as ClusteringStageError {
            // Nothing logged under the prompt id: say whether the registry knows it, which the stage cannot.
            if error.isNotFound, let promptID = self.promptID,
                let unknown = try await UnloggedPrompt.check(promptID, environment: environment)
            {
                throw unknown
            }
            throw CommandFailure(error.description)
        }
        if self.json {
            print(try jsonString(run))
            return
        }
        print(ClusterReport(run: run).rendered())
    }
}

extension ClusterText: ExpressibleByArgument {}
extension ClusterEncoding: ExpressibleByArgument {}

/// The readable summary of a clustering run.
struct ClusterReport {
    var run: ClusteringRun

    func rendered() -> String {
        let result = self.run.result
        var lines = [
            "clustering \(self.run.clusteringID): \(result.failureCount) failures in \(result.clusters.count) "
                + "cluster\(result.clusters.count == 1 ? "" : "s") "
                + "(k \(result.kSelection.method.rawValue): \(result.kSelection.chosenK)"
                // Identical failures leave k-means clusters empty, and empty clusters are dropped.
                + (result.clusters.count < result.kSelection.chosenK
                    ? "; the others were empty: the failures are alike" : "")
                + ")"
        ]
        if result.kSelection.method == .silhouette {
            let scores = result.kSelection.candidates.map { candidate in
                "k=\(candidate.k): \(candidate.silhouette.map { String(format: "%.3f", $0) } ?? "-")"
            }
            lines.append("silhouette: " + scores.joined(separator: ", "))
        }
        lines.append("")
        lines.append(
            Table(
                headers: ["cluster", "size", "share", "severity", "label", "failure types", "top terms"],
                rows: result.clusters.map { cluster in
                    [
                        cluster.clusterID, "\(cluster.size)", String(format: "%.1f%%", cluster.share * 100),
                        String(format: "%.3f", cluster.severity), cluster.label,
                        cluster.failureTypes.prefix(3).map { "\($0.failureType) \($0.count)" }.joined(separator: ", "),
                        cluster.topTerms.prefix(5).map(\.term).joined(separator: " "),
                    ]
                }
            ).rendered())
        for cluster in result.clusters {
            lines.append("")
            lines.append("\(cluster.clusterID) representatives:")
            for representative in cluster.representatives {
                let response = representative.response.replacingOccurrences(of: "\n", with: " ")
                lines.append(
                    "  \(representative.id) (distance \(String(format: "%.3f", representative.distance))): "
                        + String(response.prefix(100)) + (response.count > 100 ? "..." : ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
