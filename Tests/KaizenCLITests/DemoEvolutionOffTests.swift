import Foundation
import Testing

/// Candidate evolution is opt-in (`--evolve`): left off, `kaizen demo` gives the figures it gave before evolution
/// existed, to the digit, and the same training job ids (a job's id hashes its request, so an option that leaked into
/// requests would change them).
struct DemoEvolutionOffTests {
    /// `kaizen demo --fresh --seed 7` without `--evolve`: the rounds table and its comparison line, the version round 1
    /// wrote, and the three jobs. Recorded on main at 51cfac6 before candidate evolution existed, and identical with
    /// it merged; re-recorded after the unaligned-share verifier (e6c6e40), which moved the rewards and so the job ids;
    /// its rounds table was the same before and after evolution was merged. A change meant to move the demo's figures updates these;
    /// evolution left off must not.
    static let rounds = """
        rounds:
        round  prompt  source     interactions  hallucination  refusal  unanswered  missed abstention  incomplete  mean reward  version written
        -----  ------  ---------  ------------  -------------  -------  ----------  -----------------  ----------  -----------  ---------------
        1      p_v1_1  simulator  240           0.258          0.008    0.050       0.067              0.083       0.641        p_v1_2
        2      p_v1_2  simulator  240           0.075          0.017    0.017       0.033              0.037       0.744        -
        3      p_v1_2  simulator  240           0.113          0.021    0.037       0.046              0.037       0.727        -
        round 1 (p_v1_1) vs round 3 (p_v1_2): hallucination rate 0.258 -> 0.113 (-0.146, 95% interval [-0.213, -0.076]); refusal rate 0.008 -> 0.021 (+0.012, 95% interval [-0.012, +0.036]); mean reward 0.641 -> 0.727
        """
    static let written =
        "wrote p_v1_2: held-out reward 0.6166 -> 0.7226 (gain +0.1060, 95% interval [0.0545, 0.1616]), hallucination rate 0.259 -> 0.103"
    static let jobs = ["job-0fd177ce1785a33a", "job-d550ced247bc7318", "job-62206ef1a80d1ddd"]

    @Test func theDemoWithoutEvolveGivesTheFiguresItGaveBefore() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try kaizen.run(["demo", "--fresh", "--seed", "7", "--dir", kaizen.path("demo")])
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
