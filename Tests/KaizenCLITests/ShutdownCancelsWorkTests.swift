import ChildProcesses
import Foundation
import FoundationNetworking
import Testing

/// SIGTERM stops a service's heavy work instead of waiting for it: a clustering of the whole store in progress when
/// the signal comes answers 503 at its next cancellation check, and the process exits (before, the shutdown waited
/// for the clustering to finish, and it answered 201 to a client of a service that was going away).
@Suite(.timeLimit(.minutes(10)))
struct ShutdownCancelsWorkTests {
    /// `count` failed interactions with varied wording, enough for a clustering that takes seconds.
    static func failures(_ count: Int) throws -> String {
        let products = ["tent", "stove", "jacket", "boot", "lamp", "pack", "kayak", "rope", "filter", "chair"]
        let stores = ["Ghent", "Lyon", "Porto", "Turin", "Basel", "Leeds", "Graz", "Brno"]
        var lines: [String] = []
        lines.reserveCapacity(count)
        for index in 0..<count {
            let product = products[index % products.count]
            let store = stores[(index / products.count) % stores.count]
            let response =
                index % 2 == 0
                ? "The \(product) is made in \(store) and costs \(index % 97) euros."
                : "I am sorry, I cannot help with questions about the \(product) at \(store)."
            let object: [String: Any] = [
                "id": "f\(index)", "prompt_id": "p_v1_1", "input": "Where is the \(product) sold in \(store)?",
                "context": "The \(product) is sold in \(store) for \(index % 89) euros.", "response": response,
                "success": false,
            ]
            lines.append(
                String(
                    decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func sigtermDuringAClusteringAnswers503AndExits() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        _ = try kaizen.write("logs.jsonl", try Self.failures(8_000))
        let imported = try await kaizen.run(["experiences", "import", "logs.jsonl"])
        try #require(imported.status == 0, "\(imported)")
        let service = try await ServedKaizen.start(
            kaizen, ["failure-clustering"], environment: ["KAIZEN_LOG_LEVEL": "info"], log: "clustering.log")
        defer { service.stop() }

        // The status and the detail, as Sendable values the task can hand back.
        let answer = Task { () -> (Int, String?) in
            let (status, body) = try await TwoTrainerProcessesTests.send(
                "POST", service.url("/api/v1/cluster"), body: Data(#"{"k": 3, "n_init": 10}"#.utf8))
            return (status, body["detail"] as? String)
        }
        // Signal once the service has the request, so it is the work that is stopped, not the connection refused.
        let started = try await TrainerKillTests.eventually(120) {
            let log = (try? String(contentsOfFile: kaizen.path("clustering.log"), encoding: .utf8)) ?? ""
            return log.contains("/api/v1/cluster")
        }
        try #require(started, "the service never logged the clustering request")
        try await Task.sleep(for: .milliseconds(300))
        let signalled = Date()
        service.process.signal(SIGTERM)
        let (status, detail) = try await answer.value
        let ending = try await service.process.exit()
        let exitedAfter = Date().timeIntervalSince(signalled)

        #expect(status == 503, "\(status) \(detail ?? "")")
        #expect(detail?.contains("the service is stopping") == true, "\(detail ?? "")")
        #expect(ending == .exited(0))
        // Bounded by the clustering's next cancellation check, not by the clustering; generous for a loaded machine.
        #expect(exitedAfter < 60, "exited \(exitedAfter) s after SIGTERM")
    }

    /// A long poll on the newest version does not hold SIGTERM for its minute: the stopping trainer answers what it
    /// has (304 for an unchanged version) and exits (it used to exit after 58-60 s, when the wait ran out).
    @Test func sigtermEndsALongPollAtOnce() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("prompt.txt", "SYSTEM: You are a support assistant.")
        let added = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"])
        try #require(added.status == 0, "\(added)")
        let trainer = try await ServedKaizen.start(kaizen, ["rl-trainer"])
        defer { trainer.stop() }

        let poll = Task { () -> Int in
            var request = URLRequest(url: URL(string: trainer.url("/api/v1/prompts/latest?family=1&wait=60"))!)
            request.setValue(#""p_v1_1""#, forHTTPHeaderField: "If-None-Match")
            request.timeoutInterval = 120
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        try await Task.sleep(for: .seconds(1))
        let signalled = Date()
        trainer.process.signal(SIGTERM)
        let status = try await poll.value
        let ending = try await trainer.process.exit()
        let exitedAfter = Date().timeIntervalSince(signalled)
        #expect(status == 304, "\(status)")
        #expect(ending == .exited(0))
        #expect(exitedAfter < 20, "exited \(exitedAfter) s after SIGTERM")
    }
}
