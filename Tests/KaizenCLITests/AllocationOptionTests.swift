import Foundation
import Testing

/// `--allocation` reaches the trainer, and the gate's guardrails see logged successes beyond the held-out part: a
/// demo round whose trained prompt declines answerable requests is blocked, where a gate on its 22 held-out
/// experiences alone wrote it and the next round's refusal rate rose from 0.013 to 0.133.
struct AllocationOptionTests {
    @Test func aVersionThatRaisesRefusalsIsBlockedOnTheExtraSuccesses() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run([
            "demo", "--fresh", "--seed", "3", "--rounds", "2", "--allocation", "successive_halving", "--dir",
            kaizen.path("demo"),
        ])
        #expect(run.status == 0, "\(run)")
        let registry = kaizen.path("demo/prompt_registry")
        #expect(FileManager.default.fileExists(atPath: registry + "/p_v1_2.json"), "round 1 writes")
        #expect(!FileManager.default.fileExists(atPath: registry + "/p_v1_3.json"), "\(run.stdout)")
        let blocked = try #require(
            run.stdout.split(separator: "\n").first { $0.contains("blocked by a guardrail") }, "\(run.stdout)")
        #expect(blocked.contains("refusal rate"), "\(blocked)")
        #expect(blocked.contains("held-out experiences and 40 more logged successes"), "\(blocked)")
        // The round's report says what the guardrails were checked on.
        let report = try String(contentsOfFile: kaizen.path("demo/reports/round-2.html"), encoding: .utf8)
        #expect(report.contains("held-out experiences and 40 more logged successes"))

        // The round-1 version's provenance says how many experiences its guardrails saw, and how training sampled.
        let file = try #require(FileManager.default.contents(atPath: registry + "/p_v1_2.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let metadata = try #require(json["metadata"] as? [String: Any])
        let heldOut = try #require(metadata["held_out"] as? Int)
        #expect(metadata["guardrail_experiences"] as? Int == heldOut + 40, "\(metadata)")
        #expect(metadata["allocation"] as? String == "successive_halving", "\(metadata)")
    }

    @Test func evolutionNeedsThePolicyAllocation() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run([
            "demo", "--evolve", "--allocation", "successive_halving", "--dir", kaizen.path("demo"),
        ])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--evolve needs --allocation policy"), "\(run)")
        let unknown = try await kaizen.run(["demo", "--allocation", "greedy", "--dir", kaizen.path("demo")])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("successive_halving"), "\(unknown)")
    }
}
