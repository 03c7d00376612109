import Foundation
import Testing

/// `kaizen eval --held-out-of JOB`: a stored training job's held-out experiences as the test set.
struct EvalHeldOutTests {
    @Test func aDemoJobsHeldOutSetIsEvaluatedAgain() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let demo = try await kaizen.run([
            "demo", "--dir", kaizen.path("demo"), "--rounds", "1", "--interactions", "120", "--steps", "4",
            "--group-size", "4",
        ])
        #expect(demo.status == 0, "\(demo)")
        let line = try #require(demo.stdout.split(separator: "\n").first { $0.contains("--held-out-of ") }, "\(demo)")
        let jobID = try #require(line.split(separator: " ").last.map { String($0).trimmingCharacters(in: ["`"]) })
        let store = [
            "--database", kaizen.path("demo/experiences.sqlite"), "--registry", kaizen.path("demo/prompt_registry"),
        ]

        let run = try await kaizen.run(["eval", "p_v1_1", "--held-out-of", jobID, "--json"] + store)
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let experiences = try #require(object["experiences"] as? Int, "\(object.keys.sorted())")
        #expect(experiences >= 20, "\(run.stdout.prefix(400))")

        let unknown = try await kaizen.run(["eval", "p_v1_1", "--held-out-of", "job-nope"] + store)
        #expect(unknown.status == 1 && unknown.stderr.contains("no training job job-nope"), "\(unknown)")
        let both = try await kaizen.run(["eval", "p_v1_1", "--held-out-of", jobID, "--data", "x.jsonl"] + store)
        #expect(both.status == 64 && both.stderr.contains("either --data FILE or --held-out-of JOB_ID"), "\(both)")
    }
}
