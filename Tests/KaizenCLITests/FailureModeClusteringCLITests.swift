import Foundation
import Testing

/// `kaizen cluster` groups failures by what went wrong unless told `--encoding topic`, and `kaizen demo` counts a
/// round's own failures per cluster (issue 13).
struct FailureModeClusteringCLITests {
    /// Refusals and invented facts about two subjects, with no `failure_type`.
    static let failures: String = {
        var lines: [String] = []
        let subjects = [
            ("Ghent store", "The Ghent store opens at 9 am and has 12 staff members.", "Marcus Whitfield", 1987),
            ("Lyon warehouse", "The Lyon warehouse ships parcels every Tuesday.", "Elena Okonkwo", 1964),
        ]
        for (index, subject) in subjects.enumerated() {
            let (place, context, name, year) = subject
            let responses = [
                "I'm sorry, but I can't help with that request.", "I'm sorry, but I cannot assist with that.",
                "The \(place) was reorganised in \(year) by \(name).",
                "According to \(name), the \(place) changed its schedule in \(year).",
            ]
            for (position, response) in responses.enumerated() {
                let object: [String: Any] = [
                    "id": "s\(index)-\(position)", "input": "Tell me about the \(place).", "context": context,
                    "response": response, "success": false,
                ]
                let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                lines.append(String(decoding: data, as: UTF8.self))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Each cluster's member ids, from `kaizen cluster --json`.
    static func members(_ stdout: String) throws -> [Set<String>] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let clusters = try #require(object["clusters"] as? [[String: Any]])
        return clusters.map { Set(($0["member_ids"] as? [String]) ?? []) }
    }

    @Test func clustersFollowTheFailureModeUnlessToldTopic() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("failures.jsonl", Self.failures)
        let imported = try await kaizen.run(["experiences", "import", file])
        #expect(imported.status == 0, "\(imported)")

        let modes = try await kaizen.run(["cluster", "-k", "2", "--json"])
        #expect(modes.status == 0, "\(modes)")
        let refusals: Set = ["s0-0", "s0-1", "s1-0", "s1-1"]
        #expect(try Self.members(modes.stdout).contains(refusals), "\(modes.stdout.prefix(2000))")

        let topics = try await kaizen.run(["cluster", "-k", "2", "--json", "--encoding", "topic"])
        #expect(topics.status == 0, "\(topics)")
        #expect(topics.stdout.contains(#""encoding" : "topic""#) || topics.stdout.contains(#""encoding":"topic""#))
        #expect(!topics.stdout.contains("mode:"), "topic clusters have no diagnosis terms")
        #expect(modes.stdout.contains("mode:refusal"))

        let wrong = try await kaizen.run(["cluster", "--encoding", "modes"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("failure_mode"), "\(wrong)")
    }

    @Test func theDemoCountsThisRoundsFailuresPerCluster() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        // An unreachable gain keeps round 2 on p_v1_1, so its clustering also holds round 1's failures.
        let run = try await kaizen.run([
            "demo", "--fresh", "--rounds", "2", "--interactions", "60", "--steps", "1", "--min-gain", "1",
        ])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init).filter { $0.contains("failures per cluster") }
        #expect(lines.count == 2, "\(run.stdout)")
        for line in lines {
            let counted = try #require(line.firstMatch(of: /this round's (\d+) failures per cluster/))
            let total = Int(counted.1)!
            let perCluster = line.split(separator: ": ").dropFirst().joined(separator: ": ")
            let sizes = perCluster.matches(of: /\): (\d+)/).map { Int($0.1)! }
            #expect(sizes.reduce(0, +) == total, "\(line)")
        }
        #expect(lines[1].contains("earlier failures under p_v1_1"), "\(lines[1])")
    }
}
