import Experiences
import Foundation
import Testing
import Verification

struct HaluEvalTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/data/halueval_summarization_sample.jsonl"
        ).path

    /// A check on real data (the full figures come from the VerifierBenchmark): on the held-out summarization records
    /// among the first 500, which the shipped model never saw, the flag must reach a balanced accuracy above 0.68
    /// (0.71 on the whole held-out half). Dialogue is not checked here: there the model is barely above chance (0.55,
    /// see Benchmarks/README.md), so no bound would mean anything.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: HaluEvalTests.path)))
    func flagMeetsHeldOutAccuracyOnSummarization() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let verifier = try Verifier()
        let items = try GroundingFitData.summarization(jsonLines: text, limit: 500).filter { !$0.fitting }
        var truePositives = 0
        var trueNegatives = 0
        for item in items {
            let flagged = verifier.verify(output: item.response, for: item.experience).hallucination
            if item.hallucinated && flagged { truePositives += 1 }
            if !item.hallucinated && !flagged { trueNegatives += 1 }
        }
        let balanced = (Double(truePositives) + Double(trueNegatives)) / Double(items.count)
        #expect(items.count > 450)
        #expect(balanced > 0.68)
    }
}
