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

    /// The flag's balanced accuracy and what it catches of each kind on one set of probes.
    static func score(
        _ probes: [Probe], configuration: VerifierConfiguration = .init()
    ) throws -> (balanced: Double, caught: [String: Int]) {
        let verifier = try Verifier(configuration: configuration)
        var caught: [String: Int] = [:]
        var cleared = 0
        for probe in probes {
            let experience = Experience(id: "", input: probe.question, context: probe.knowledge, response: "")
            let prepared = verifier.prepare(experience)
            if verifier.verify(output: probe.hallucinatedAnswer, for: prepared).hallucination {
                caught[probe.kind, default: 0] += 1
            }
            if !verifier.verify(output: probe.rightAnswer, for: prepared).hallucination { cleared += 1 }
        }
        let flagged = caught.values.reduce(0, +)
        return ((Double(flagged) + Double(cleared)) / Double(2 * probes.count), caught)
    }

    /// On the sixth set, written blind in HaluEval QA's four hallucination patterns after the rules of 2026-12-06
    /// night (wrong steps, stitched alternatives, swapped titles) and scored once: 0.845 (0.833 before them; the
    /// naive overlap 0.900 at the threshold best on these probes). With `unsupportedAnswerShare` at 0.1, chosen on
    /// the fifth set's figures, 0.877. Its misses, read on 2026-12-07, led to the bridge name, clause-by-clause
    /// relations and counted number words: 0.875 by default since (0.900 with the share rule), no longer a blind figure.
    @Test func theFlagHoldsOnTheSixthQuestionProbes() throws {
        let probes = try Self.probes("qa-probes-sixth.jsonl")
        #expect(probes.count == 200)
        let (balanced, _) = try Self.score(probes)
        #expect(balanced >= 0.87, "balanced accuracy \(balanced)")
        var configuration = VerifierConfiguration()
        configuration.unsupportedAnswerShare = 0.1
        let (strict, caught) = try Self.score(probes, configuration: configuration)
        #expect(strict >= 0.87, "balanced accuracy with the share rule \(strict)")
        #expect(caught["inference", default: 0] >= 40, "caught \(caught)")
    }

    /// What a set must keep: its size, the flag's balanced accuracy at least, and at least this many wrong answers of
    /// some kinds caught.
    struct Floor: Sendable, CustomTestStringConvertible {
        var file: String
        var count: Int
        var balanced: Double
        var caught: [String: Int]
        var testDescription: String { self.file }
    }

    static let floors = [
        // The second set, held out until 2026-12-06 evening: the flag's balanced accuracy was 0.917 when it was
        // written (0.847 without the wrong-choice rules; the naive overlap 0.873 at the threshold best on these
        // probes), and the rules caught 26 of the 40 wrong picks and yes/no flips (5 without them). It then served to
        // develop the cue-less and yes/no comparisons, year gaps and invented answers (0.960, 31 of 40).
        Floor(file: "qa-probes-held-out.jsonl", count: 150, balanced: 0.93, caught: ["b": 28]),
        // The fourth set, written after those rules and scored once, never used to change the verifier: 0.875 (0.818
        // before the rules; the naive overlap 0.808 at the threshold best on these probes), with 55 of 70 wrong
        // entities and 18 of 40 stitched names caught (46 and 9 before).
        Floor(file: "qa-probes-fourth.jsonl", count: 200, balanced: 0.86, caught: ["a": 52, "d": 15]),
        // The seventh set, written in HaluEval QA's patterns after every rule of 2026-12-06 night and scored once:
        // 0.883 (0.867 before the night's rules; the naive overlap 0.892 at the threshold best on these probes).
        Floor(file: "qa-probes-seventh.jsonl", count: 200, balanced: 0.875, caught: ["comprehension": 18]),
        // The eighth set, written blind in the same patterns (less famous entities) after the rules of 2026-12-07 and
        // scored once: 0.863 (0.857 before them; the naive overlap 0.890 at the threshold best on these probes, 0.770
        // within strata against the flag's 0.772).
        // Since the kinds of answers (2026-12-07 morning, developed on its misses): 0.893, 30 of 50 comprehension.
        Floor(
            file: "qa-probes-eighth.jsonl", count: 200, balanced: 0.89, caught: ["inference": 44, "comprehension": 29]),
        // The ninth set, written blind in the same patterns after the kinds of answers and scored once: 0.835 (0.820
        // before them; the naive overlap 0.807 at the threshold best on these probes), 17 of 50 comprehension answers
        // caught (11 before). One right answer it newly flagged ("the Province of Antwerp" to "... which province?")
        // made a name that calls itself what is asked answer it: 0.837. Its misses then read for bare numbers, echoes
        // and years counted by a bare number (development from here on): 0.863, 22 comprehension answers caught.
        Floor(file: "qa-probes-ninth.jsonl", count: 200, balanced: 0.86, caught: ["comprehension": 22]),
        // The tenth set, written blind in the same patterns after all of the above and scored once: 0.893 (0.865
        // before the kinds of answers; the naive overlap 0.792 at the threshold best on these probes), 26 of 50
        // comprehension answers caught (16 before).
        Floor(file: "qa-probes-tenth.jsonl", count: 200, balanced: 0.89, caught: ["comprehension": 26]),
    ]

    @Test(arguments: Self.floors) func theFlagHoldsOnTheSet(_ floor: Floor) throws {
        let probes = try Self.probes(floor.file)
        #expect(probes.count == floor.count)
        let (balanced, caught) = try Self.score(probes)
        #expect(balanced >= floor.balanced, "balanced accuracy \(balanced)")
        for (kind, least) in floor.caught {
            #expect(caught[kind, default: 0] >= least, "\(kind) caught \(caught)")
        }
    }
}
