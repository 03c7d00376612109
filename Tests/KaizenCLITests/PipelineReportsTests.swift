import Foundation
import Testing

/// `pipeline run` keeps a report per run and an index of them.
struct PipelineReportsTests {
    @Test func eachPipelineRunKeepsItsOwnReportAndTheIndexListsThem() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        var reports: [String] = []
        for _ in 0..<2 {
            let run = try await kaizen.run([
                "pipeline", "run", "--base", "p_v1_1", "-k", "2", "--max-clusters", "1", "--patches", "3",
                "--steps", "2", "--group-size", "2",
            ])
            #expect(run.status == 0, "\(run)")
            let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("report: ") }, "\(run)")
            reports.append(String(line.dropFirst("report: ".count)))
        }
        #expect(Set(reports).count == 2, "the second run overwrote the first: \(reports)")
        for report in reports {
            #expect(FileManager.default.fileExists(atPath: report), "\(report)")
            #expect(URL(fileURLWithPath: report).lastPathComponent.hasPrefix("pipeline-p_v1_1-"), "\(report)")
        }
        let index = try String(contentsOfFile: kaizen.path("reports/index.html"), encoding: .utf8)
        for report in reports {
            #expect(
                index.contains("href=\"\(URL(fileURLWithPath: report).lastPathComponent)\""), "index lacks \(report)")
        }
    }
}
