import Foundation
import Testing

/// `kaizen patches` and `kaizen rank` report what the stages refuse as one `error: ` line with the stage's own
/// message (the errors describe themselves; the command maps none of them but the missing-model hint).
struct PatchesStageErrorTests {
    @Test func stageRefusalsAreOneLineErrors() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        let clustering = try await LoggedInteractions.cluster(kaizen)
        let target = ["--clustering", clustering, "--cluster", "cluster_1"]
        try kaizen.write("other.json", #"{"clusters": []}"#)
        try kaizen.write("broken.json", "{\"cluster_id\": ")
        let cases: [(arguments: [String], message: String)] = [
            (
                ["rank", "--prompt", "p_v1_1", "--candidates", "other.json"] + target,
                "error: --candidates other.json is not the output of `kaizen patches --json`: field 'cluster_id' is required"
            ),
            (
                ["rank", "--prompt", "p_v1_1", "--candidates", "broken.json"] + target,
                "error: --candidates broken.json is not the output of `kaizen patches --json`: not valid JSON"
            ),
            (["patches", "--prompt", "p_v9_9"] + target, "error: no prompt version p_v9_9 in the registry"),
            // A --count out of range is a usage error (exit 64) before any stage runs: CommandLineTests.
            (
                ["patches", "--prompt", "p_v1_1", "--clustering", "clu-none", "--cluster", "cluster_1"],
                "error: no clustering clu-none"
            ),
        ]
        for (arguments, message) in cases {
            let run = try await kaizen.run(arguments)
            #expect(run.status == 1, "\(arguments): \(run)")
            #expect(run.stderr == message + "\n", "\(arguments): \(run)")
        }
        // A cluster the run lacks is named beside the ones it has, so a typo is plain.
        let unknown = try await kaizen.run(
            ["rank", "--prompt", "p_v1_1", "--clustering", clustering, "--cluster", "cluster_9"])
        #expect(unknown.status == 1, "\(unknown)")
        #expect(
            unknown.stderr.hasPrefix(
                "error: clustering \(clustering) has no cluster cluster_9; its clusters are cluster_1")
                && unknown.stderr.hasSuffix("\n"), "\(unknown)")
    }
}
