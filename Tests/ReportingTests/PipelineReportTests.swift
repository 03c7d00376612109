import Foundation
import Reporting
import Testing

struct PipelineReportTests {
    @Test func jsonIsSnakeCaseAndRoundTrips() throws {
        let report = ReportFixtures.full()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        for key in [
            "\"generated_at\"", "\"base_prompt\"", "\"top_terms\"", "\"failure_types\"", "\"patch_id\"",
            "\"patch_text\"", "\"excluded_reason\"", "\"hallucination_reduction\"", "\"length_safety\"",
            "\"cluster_severity\"", "\"mean_reward\"", "\"kl_divergence\"", "\"zero_spread_share\"",
            "\"stop_reason\"", "\"cluster_id\"", "\"held_out\"", "\"baseline_reward\"",
            "\"hallucination_rate_before\"", "\"hallucination_rate_after\"", "\"prompt_text\"",
            "\"hallucination_rate\"", "\"version_written\"",
        ] {
            #expect(json.contains(key), "missing \(key)")
        }
        #expect(!json.contains("generatedAt") && !json.contains("patchID"))
        #expect(try JSONDecoder().decode(PipelineReport.self, from: Data(json.utf8)) == report)
    }

    @Test func listsMayBeLeftOut() throws {
        let json = """
            {"title": "t", "generated_at": "2025-12-10T15:00:00Z", "base_prompt": {"id": "p_v1_1", "text": "x"},
             "model": {"name": "m", "simulated": false}, "data": "d", "outcome": {"written": false}}
            """
        let report = try JSONDecoder().decode(PipelineReport.self, from: Data(json.utf8))
        #expect(report.clusters.isEmpty && report.rounds.isEmpty && report.notes.isEmpty)
        #expect(report.training == nil && report.evaluation == nil)
    }
}
