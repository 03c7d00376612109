import Foundation
import Testing

/// LLM-mode patches on the simulator: say which options give a model.
struct PatchModeTests {
    @Test func llmPatchesWithoutAnEndpointAskForOne() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        let clustering = try await LoggedInteractions.cluster(kaizen)
        let run = try await kaizen.run([
            "patches", "--prompt", "p_v1_1", "--clustering", clustering, "--cluster", "cluster_1", "--mode", "llm",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stderr.hasPrefix(
                "error: --mode llm needs a language model endpoint: pass --llm-base-url URL and --llm-model NAME"),
            "\(run)")
        #expect(!run.stderr.contains("JSON object"), "\(run)")
    }
}
