import Foundation
import Testing

/// Candidate evolution is opt-in (`--evolve`): left off, `kaizen demo` gives the figures it gave before evolution
/// existed, to the digit, and the same training job ids (a job's id hashes its request, so an option that leaked into
/// requests would change them).
struct DemoEvolutionOffTests {
    /// `kaizen demo --fresh --seed 7` on main at 51cfac6, before candidate evolution: the rounds table and its
    /// comparison line, the version round 1 wrote, and the three jobs. A change meant to move the demo's figures
    /// updates these; evolution left off must not.
    static let rounds = """
        rounds:
        round  prompt  source     interactions  hallucination  refusal  unanswered  missed abstention  incomplete  mean reward  version written
        -----  ------  ---------  ------------  -------------  -------  ----------  -----------------  ----------  -----------  ---------------
        1      p_v1_1  simulator  240           0.258          0.008    0.050       0.067              0.083       0.739        p_v1_2
        2      p_v1_2  simulator  240           0.075          0.017    0.017       0.033              0.037       0.860        -
        3      p_v1_2  simulator  240           0.113          0.021    0.037       0.046              0.037       0.841        -
        round 1 (p_v1_1) vs round 3 (p_v1_2): hallucination rate 0.258 -> 0.113 (-0.146, 95% interval [-0.213, -0.076]); refusal rate 0.008 -> 0.021 (+0.012, 95% interval [-0.012, +0.036]); mean reward 0.739 -> 0.841
        """
    static let written =
        "wrote p_v1_2: held-out reward 0.6846 -> 0.7995 (gain +0.1150, 95% interval [0.0372, 0.1978]), hallucination rate 0.326 -> 0.152"
    static let jobs = ["job-556d7d4bc8be685c", "job-b2177f798cc0f084", "job-a9a5ec9f5aedd2fa"]

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
