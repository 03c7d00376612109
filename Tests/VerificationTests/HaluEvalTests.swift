import Experiences
import Foundation
import Testing
import Verification

struct HaluEvalTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/data/halueval_dialogue_data.json"
        ).path

    /// SplitMix64's output function, as in the VerifierBenchmark: records with an odd hash of `seed ^ index` form
    /// the held-out half, which the fitted grounding model never saw.
    static func isHeldOut(_ index: Int) -> Bool {
        var z = (20_251_128 ^ UInt64(index)) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) & 1 == 1
    }

    /// A check on real data (the full figures come from the VerifierBenchmark): on the held-out records among the
    /// first 2,000, the flag must reach a balanced accuracy above 0.72 (0.77 on the whole held-out half).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: HaluEvalTests.path)))
    func flagMeetsHeldOutAccuracyOnHaluEval() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let verifier = try Verifier()
        var truePositives = 0
        var trueNegatives = 0
        var count = 0
        for (index, line) in text.split(separator: "\n").prefix(2000).enumerated() where Self.isHeldOut(index) {
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
        #expect(count > 900)
        #expect(balanced > 0.72)
    }
}
