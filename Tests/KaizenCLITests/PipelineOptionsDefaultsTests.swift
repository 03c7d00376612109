import Foundation
import Testing

/// `kaizen pipeline run` and `kaizen demo` take their option defaults and limits from the libraries'
/// configuration types (`PipelineConfiguration`, `TrainerConfiguration`, the generator's allowed counts), so the help
/// shows what the services use.
struct PipelineOptionsDefaultsTests {
    @Test func pipelineOptionsShowTheLibraryDefaults() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let help = try await kaizen.run(["pipeline", "run", "--help"])
        #expect(help.status == 0, "\(help)")
        for phrase in [
            "Number of clusters (default: chosen by silhouette over 2...6).",
            "Candidate patches per cluster (3-5). (default: 4)",
            "GRPO steps (trainer default 30).",
            "between 0 and 1 (trainer default 0.3).",
            "(default: 0.05)",
        ] {
            #expect(
                help.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
                    .contains(phrase), "\(phrase)")
        }
        let wrong = try await kaizen.run(["pipeline", "run", "--base", "p_v1_1", "--patches", "6"])
        #expect(wrong.status == 64, "\(wrong)")
        #expect(wrong.stderr.hasPrefix("error: --patches must be between 3 and 5"), "\(wrong)")
    }

    /// A negative `--min-gain` ("accept a version at most this much worse") is a value, not an unknown option.
    @Test func aNegativeMinimumGainIsAValue() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run([
            "demo", "--fresh", "--rounds", "1", "--interactions", "60", "--steps", "1", "--min-gain", "-0.5", "--dir",
            kaizen.path("demo"),
        ])
        #expect(run.status == 0, "\(run)")
        #expect(!run.stdout.contains("no significant improvement"), "\(run.stdout)")
    }
}
