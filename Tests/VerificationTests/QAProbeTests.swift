import Experiences
import Foundation
import Testing
import Verification

/// The verifier on short answers to knowledge questions, the shape of issue 16's unseen third domain, on the probes
/// written for it (`Benchmarks/qa-probes`, whose `score.py` prints the full figures beside the naive overlap).
struct QAProbeTests {
    struct Probe: Decodable {
        var knowledge: String
        var question: String
        var rightAnswer: String
        var hallucinatedAnswer: String
        var kind: String

        enum CodingKeys: String, CodingKey {
            case knowledge, question, kind
            case rightAnswer = "right_answer"
            case hallucinatedAnswer = "hallucinated_answer"
        }
    }

    static func probes(_ name: String) throws -> [Probe] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/qa-probes/\(name)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Probe.self, from: Data($0.utf8)) }
    }

    /// On the held-out set, never used to change the verifier: the flag's balanced accuracy was 0.917 when it was
    /// written (0.847 without the wrong-choice rules; the naive overlap 0.873 at the threshold best on these probes),
    /// and the rules caught 26 of the 40 wrong picks and yes/no flips (5 without them).
    @Test func theFlagHoldsOnHeldOutQuestionProbes() throws {
        let probes = try Self.probes("qa-probes-held-out.jsonl")
        let verifier = try Verifier()
        var caught = 0
        var cleared = 0
        var caughtPicks = 0
        for probe in probes {
            let experience = Experience(id: "", input: probe.question, context: probe.knowledge, response: "")
            let prepared = verifier.prepare(experience)
            if verifier.verify(output: probe.hallucinatedAnswer, for: prepared).hallucination {
                caught += 1
                if probe.kind == "b" { caughtPicks += 1 }
            }
            if !verifier.verify(output: probe.rightAnswer, for: prepared).hallucination { cleared += 1 }
        }
        let balanced = (Double(caught) + Double(cleared)) / Double(2 * probes.count)
        #expect(probes.count == 150)
        #expect(balanced >= 0.90, "balanced accuracy \(balanced)")
        #expect(caughtPicks >= 20, "wrong picks caught \(caughtPicks)")
    }
}
