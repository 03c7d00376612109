import Foundation
import Testing

/// LLM-mode patches on the simulator: say which options give a model.
struct PatchModeTests {
    @Test func llmPatchesWithoutAnEndpointAskForOne() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try LoggedInteractions.setUp(kaizen)
        let clustering = try LoggedInteractions.cluster(kaizen)
        let run = try kaizen.run([
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
