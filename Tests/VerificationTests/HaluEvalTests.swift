import Experiences
import Foundation
import Testing
import Verification

struct HaluEvalTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/data/halueval_dialogue_data.json"
        ).path

    /// A smoke check on real data (the full figures come from the VerifierBenchmark): on the first 1,000 records the
    /// flag must separate grounded from hallucinated responses clearly better than chance.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: HaluEvalTests.path)))
    func flagBeatsChanceOnHaluEval() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let verifier = try Verifier()
        var truePositives = 0
        var trueNegatives = 0
        var count = 0
        for line in text.split(separator: "\n").prefix(1000) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            let experience = Experience(
                id: "\(count)", input: record["dialogue_history"] ?? "", context: record["knowledge"], response: "")
            let prepared = verifier.prepare(experience)
            if !verifier.verify(output: record["right_response"] ?? "", for: prepared).hallucination { trueNegatives += 1 }
            if verifier.verify(output: record["hallucinated_response"] ?? "", for: prepared).hallucination {
                truePositives += 1
            }
            count += 1
        }
        let balanced = (Double(truePositives) + Double(trueNegatives)) / Double(2 * count)
        #expect(balanced > 0.6)
    }
}
