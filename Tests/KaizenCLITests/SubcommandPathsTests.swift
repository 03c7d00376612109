import ChildProcesses
import Foundation
import Testing

/// The subcommands whose main path or first mistake no other executable test runs: `prompts list` and `show`,
/// `train`, `serve` answering, and `demo`'s folder and round checks. With the other files, every subcommand has a
/// success and a mistake with its `error:` line.
struct SubcommandPathsTests {
    @Test func promptsListAndShowTheRegistry() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("prompt.txt", "SYSTEM: Answer from the context.")
        #expect(try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"]).status == 0)
        let list = try await kaizen.run(["prompts", "list"])
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("p_v1_1") && list.stdout.contains("human"), "\(list)")
        let show = try await kaizen.run(["prompts", "show", "p_v1_1"])
        #expect(show.status == 0, "\(show)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "SYSTEM: Answer from the context.")

        let malformed = try await kaizen.run(["prompts", "show", "version-one"])
        #expect(malformed.status == 1, "\(malformed)")
        #expect(malformed.stderr.hasPrefix("error: 'version-one' is not a prompt id"), "\(malformed)")
        let noFolder = try await kaizen.run(["prompts", "list", "--registry"])
        #expect(noFolder.status == 64, "\(noFolder)")
        #expect(noFolder.stderr.hasPrefix("error: Missing value for '--registry <registry>'"), "\(noFolder)")
    }

    @Test func trainRunsOverAStoredClusteringAndNamesAnUnknownCluster() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        let clustering = try await LoggedInteractions.cluster(kaizen)
        let run = try await kaizen.run([
            "train", "--base", "p_v1_1", "--clustering", clustering, "--steps", "2", "--group-size", "2",
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("clusters (\(clustering)"), "\(run)")
        #expect(run.stdout.contains("figures come from the built-in simulator"), "\(run)")

        let unknown = try await kaizen.run([
            "train", "--base", "p_v1_1", "--clustering", clustering, "--clusters", "cluster_9",
        ])
        #expect(unknown.status == 1, "\(unknown)")
        #expect(
            unknown.stderr.hasPrefix(
                "error: clustering \(clustering) has no cluster cluster_9; its clusters are cluster_1"),
            "\(unknown)")
        let missing = try await kaizen.run(["train", "--base", "p_v1_1"])
        #expect(missing.status == 64, "\(missing)")
        #expect(missing.stderr.hasPrefix("error: Missing expected argument '--clustering"), "\(missing)")
    }

    @Test func serveAnswersHealthUntilStopped() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let ranker = try await ServedKaizen.start(kaizen, ["ranker"])
        defer { ranker.stop() }
        let text = ranker.health
        #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
        #expect(text.contains(#""status":"ok""#) || text.contains(#""status" : "ok""#), "\(text)")
        let ending = try await ranker.stopped()
        #expect(ending == .exited(0) || ending == .signalled(SIGTERM), "\(ending)")
    }

    @Test func serveNamesAnUnknownService() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["serve", "rankr"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains("rankr"), "\(run)")
    }

    @Test func demoKeepsAnExistingDemoAndForeignFiles() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let small = ["--rounds", "1", "--interactions", "20", "--steps", "1", "--group-size", "2"]
        let first = try await kaizen.run(["demo", "--dir", "demo"] + small)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("round 1: logging 20 interactions under p_v1_1"), "\(first)")
        #expect(first.stdout.contains("registry: p_v1_1.json"), "\(first)")
        #expect(FileManager.default.fileExists(atPath: kaizen.path("demo/reports/round-1.html")))
        #expect(FileManager.default.fileExists(atPath: kaizen.path("demo/reports/demo.html")))

        let again = try await kaizen.run(["demo", "--dir", "demo"] + small)
        #expect(again.status == 1, "\(again)")
        #expect(
            again.stderr == "error: demo already holds a demo; pass --fresh to start over, or another --dir\n",
            "\(again)")

        try kaizen.write("demo/notes.txt", "mine")
        let fresh = try await kaizen.run(["demo", "--dir", "demo", "--fresh"] + small)
        #expect(fresh.status == 1, "\(fresh)")
        #expect(
            fresh.stderr.hasPrefix("error: --fresh would delete ") && fresh.stderr.contains("(notes.txt)"), "\(fresh)")
        #expect(FileManager.default.fileExists(atPath: kaizen.path("demo/notes.txt")), "nothing was deleted")

        let rounds = try await kaizen.run(["demo", "--dir", "other", "--rounds", "0"])
        #expect(rounds.status == 64, "\(rounds)")
        #expect(rounds.stderr.hasPrefix("error: --rounds must be between 1 and 20"), "\(rounds)")
    }

    /// `GET path` on 127.0.0.1:port over a plain socket: the whole answer, or `nil` when nothing listens yet.
    static func get(_ path: String, port: Int) -> String? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // A service that accepts but never answers must not hold this thread for good.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return answer.isEmpty ? nil : String(decoding: answer, as: UTF8.self)
    }
}
