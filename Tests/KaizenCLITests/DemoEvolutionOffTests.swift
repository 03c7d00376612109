import Foundation
import Testing

/// Candidate evolution is opt-in (`--evolve`): left off, `kaizen demo` gives the figures it gave before evolution
/// existed, to the digit, and the same training job ids (a job's id hashes its request, so an option that leaked into
/// requests would change them).
struct DemoEvolutionOffTests {
    /// `kaizen demo --fresh --seed 7` without `--evolve`: the rounds table and its comparison line, the version round 1
    /// wrote, and the three jobs. Recorded on main at 51cfac6 before candidate evolution existed, and identical with
    /// it merged; re-recorded after the unaligned-share verifier (e6c6e40), which moved the rewards and so the job ids;
    /// its rounds table was the same before and after evolution was merged. Re-recorded again when the question's words
    /// stopped counting in the unaligned share: every rate stayed, the rewards rose. Re-recorded when the verifier
    /// learned natural phrasing (polite closes, questions back, number words, times, numbers with letters glued on, anchor ties; the refitted grounding model): every
    /// rate stayed, the rewards rose again. The written line's interval widened a little when the gate's bootstrap became
    /// the expanded percentile interval (`PairedBootstrap.expandedTail`). The job ids changed when the grounding model was refitted for the currency-sign support (its weights moved
    /// in the fourth decimal); no figure did. Round 3's incomplete rate rose 0.037 → 0.042 (and its job id moved) when
    /// a response ending on a colon became incomplete: a verbose answer the token cap cut at "So, once more:". When
    /// words began to be compared without their accents (2026-12-06) the refitted grounding model moved round 2's
    /// mean reward 0.771 → 0.772, the written line's figures in the fourth decimal and the job ids; no rate moved (the
    /// world is ASCII). The refit for magnitudes ("1.2 million") moved only the job ids. The refit when an initial's or a title's point
    /// stopped ending a sentence ("J. K. Rowling", "Dr. Seuss") moved the written line's fourth decimal and the job ids;
    /// no rate moved. The refit for year gaps ("five years before", 2026-12-06 evening) moved only the job ids, as did the one when "No." before a number stopped ending a sentence (2026-12-06 night). The refit when a dotted
    /// acronym before a lowercase word ("which U.S. state") stopped ending a sentence (2026-12-07) moved the written line's
    /// fourth decimal and the job ids; no rate moved. A change meant to move the demo's figures updates these; evolution left off must not.
    static let rounds = """
        rounds:
        round  prompt  source     interactions  hallucination  refusal  unanswered  missed abstention  incomplete  mean reward  version written
        -----  ------  ---------  ------------  -------------  -------  ----------  -----------------  ----------  -----------  ---------------
        1      p_v1_1  simulator  240           0.258          0.008    0.050       0.067              0.083       0.664        p_v1_2
        2      p_v1_2  simulator  240           0.075          0.017    0.017       0.033              0.037       0.772        -
        3      p_v1_2  simulator  240           0.113          0.021    0.037       0.046              0.042       0.754        -
        round 1 (p_v1_1) vs round 3 (p_v1_2): hallucination rate 0.258 -> 0.113 (-0.146, 95% interval [-0.213, -0.076]); refusal rate 0.008 -> 0.021 (+0.012, 95% interval [-0.012, +0.036]); mean reward 0.664 -> 0.754
        """
    static let written =
        "wrote p_v1_2: held-out reward 0.6359 -> 0.7470 (gain +0.1111, 95% interval [0.0554, 0.1722]), hallucination rate 0.259 -> 0.103"
    static let jobs = ["job-2bc2a57fcb10fcb6", "job-be4b0b580eb37aec", "job-1ccf68cb305e44e9"]

    @Test func theDemoWithoutEvolveGivesTheFiguresItGaveBefore() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["demo", "--fresh", "--seed", "7", "--dir", kaizen.path("demo")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains(Self.rounds), "\(run.stdout)")
        #expect(run.stdout.contains(Self.written), "\(run.stdout)")
        for job in Self.jobs { #expect(run.stdout.contains("training job \(job):"), "\(job) missing") }
        let registry = try FileManager.default.contentsOfDirectory(atPath: kaizen.path("demo/prompt_registry")).sorted()
        #expect(registry == ["p_v1_1.json", "p_v1_2.json"])
        let version = try String(contentsOfFile: kaizen.path("demo/prompt_registry/p_v1_2.json"), encoding: .utf8)
        #expect(!version.contains("evolution"))
    }
}
