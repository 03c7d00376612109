import Foundation
import Testing

/// `--evolve` reaches the trainer: the version a demo round writes with it names its evolved candidates, their
/// parents and evidence; `--max-evolved-candidates` and `--evolve-mode` are checked where they are typed.
struct EvolveOptionTests {
    @Test func aDemoRoundWithEvolveRecordsItsEvolvedCandidates() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        // Seed 4 writes a version with evolution on; under seeds 1, 3, 5 and 7 the evolved candidates raise the answer
        // length, incomplete or refusal rate and the gate's guardrails block the version (Docs/patches.md).
        let run = try await kaizen.run([
            "demo", "--fresh", "--seed", "4", "--rounds", "1", "--evolve", "--dir", kaizen.path("demo"),
        ])
        #expect(run.status == 0, "\(run)")
        let file = try #require(FileManager.default.contents(atPath: kaizen.path("demo/prompt_registry/p_v1_2.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let metadata = try #require(json["metadata"] as? [String: Any])
        let evolution = try #require(metadata["evolution"] as? [String: Any], "\(metadata.keys.sorted())")
        let candidates = try #require(evolution["candidates"] as? [[String: Any]])
        #expect((1...4).contains(candidates.count), "the trainer's default bound is 4")
        for candidate in candidates {
            #expect((candidate["parents"] as? [String])?.isEmpty == false)
            #expect((candidate["evidence"] as? [String: Int])?.isEmpty == false)
        }
        #expect((evolution["pareto_pool"] as? [Any])?.isEmpty == false)

        // The round's report lists every evolved candidate in its cluster's final policy, beside the given ones.
        let reports = kaizen.path("demo/reports")
        let pages = try FileManager.default.contentsOfDirectory(atPath: reports).filter {
            $0.hasSuffix(".html") && $0 != "index.html"
        }
        let html = try pages.map { try String(contentsOfFile: reports + "/" + $0, encoding: .utf8) }.joined()
        for candidate in candidates {
            let id = try #require(candidate["patch_id"] as? String)
            #expect(html.contains("<td><code>\(id)</code></td><td class=\"num\">"), "\(id) not in the policy table")
        }
    }

    @Test func theBoundNeedsEvolveAndARange() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let without = try await kaizen.run(["demo", "--max-evolved-candidates", "2", "--dir", kaizen.path("demo")])
        #expect(without.status == 64)
        #expect(without.stderr.contains("--max-evolved-candidates needs --evolve"), "\(without)")
        let outside = try await kaizen.run([
            "demo", "--evolve", "--max-evolved-candidates", "99", "--dir", kaizen.path("d"),
        ])
        #expect(outside.status == 64)
        #expect(outside.stderr.contains("--max-evolved-candidates must be between 1 and 16"), "\(outside)")
    }

    @Test func theModeNeedsEvolveAndLLMModeARealEndpoint() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let without = try await kaizen.run(["demo", "--evolve-mode", "llm", "--dir", kaizen.path("demo")])
        #expect(without.status == 64)
        #expect(without.stderr.contains("--evolve-mode needs --evolve"), "\(without)")
        // The simulator answers questions but cannot write patches: the trainer refuses before any rollout.
        let simulated = try await kaizen.run([
            "demo", "--fresh", "--rounds", "1", "--evolve", "--evolve-mode", "llm", "--dir", kaizen.path("demo"),
        ])
        #expect(simulated.status != 0)
        #expect(simulated.stderr.contains("'evolve_mode' llm needs a language model endpoint"), "\(simulated)")
    }
}
