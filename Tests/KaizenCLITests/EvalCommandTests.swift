import FakeModelServer
import Foundation
import Testing

/// `kaizen eval`: prompt versions side by side on a test set, with the simulator and the verifier, and the exit code
/// a CI job reads.
struct EvalCommandTests {
    /// A registry with a grounded prompt (p_v1_1) and a bare one (p_v1_2), and a test set of 100 answerable questions.
    static func setUp(_ kaizen: KaizenExecutable) throws {
        try FileManager.default.createDirectory(
            atPath: kaizen.path("prompt_registry"), withIntermediateDirectories: true)
        for (version, text) in [
            (1, "You answer customer questions. Only use the context; do not make up names or numbers."),
            (2, "You answer customer questions."),
        ] {
            let file: [String: Any] = [
                "prompt_id": "p_v1_\(version)", "version": version, "source": "human", "text": text,
                "metadata": ["created_at": "2026-12-01T00:00:00Z", "reward_gain": NSNull(), "cluster_id": NSNull()],
            ]
            try kaizen.write(
                "prompt_registry/p_v1_\(version).json",
                String(
                    decoding: try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys]), as: UTF8.self))
        }
        let lines = (0..<100).map { index -> String in
            let item: [String: Any] = [
                "id": "t\(index)", "input": "How much does the T\(index) tent cost?",
                "context":
                    "The T\(index) tent weighs \(2 + index % 5) kg. The T\(index) tent costs \(100 + index) EUR.",
                "reference": "The T\(index) tent costs \(100 + index) EUR.",
            ]
            return String(
                decoding: try! JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]), as: UTF8.self)
        }
        try kaizen.write("test.jsonl", lines.joined(separator: "\n") + "\n")
    }

    @Test func aWorseVersionFailsTheCheckWithItsInterval() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        let run = try await kaizen.run(["eval", "p_v1_2", "--data", "test.jsonl", "--fail-if-worse-than", "p_v1_1"])
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stderr.contains("error: p_v1_2 is significantly worse than p_v1_1: p_v1_2 - p_v1_1: reward -"), "\(run)"
        )
        #expect(run.stderr.contains("95% interval ["), "\(run)")
        #expect(run.stdout.contains("hallucination rate"), "\(run)")
        #expect(run.stdout.contains("p_v1_2 - p_v1_1"), "\(run)")
        #expect(FileManager.default.fileExists(atPath: kaizen.path("reports/eval-p_v1_1-p_v1_2.html")), "\(run)")
    }

    /// An `--html` that cannot be written is refused before any version answers (it ended a whole evaluation with
    /// "NSCocoaErrorDomain Code=512"); one in a folder that is not there yet gets the folder.
    @Test func anHTMLPathThatCannotBeWrittenIsRefusedFirst() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        for (html, message) in [
            ("prompt_registry", "--html prompt_registry is a folder; name the file to write"),
            ("test.jsonl/r.html", "--html test.jsonl/r.html: \(kaizen.path("test.jsonl")) is a file, not a folder"),
        ] {
            let run = try await kaizen.run(["eval", "p_v1_1", "--data", "test.jsonl", "--html", html])
            #expect(run.status == 1 && run.stderr == "error: \(message)\n", "\(run)")
        }
        let nested = try await kaizen.run(["eval", "p_v1_1", "--data", "test.jsonl", "--html", "out/today/r.html"])
        #expect(
            nested.status == 0 && FileManager.default.fileExists(atPath: kaizen.path("out/today/r.html")), "\(nested)")
    }

    /// `latest` is the newest version (p_v1_2 here), as a deployment gate names it; named beside its own id it is
    /// named twice.
    @Test func latestIsTheNewestVersion() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        let run = try await kaizen.run(["eval", "latest", "--data", "test.jsonl", "--fail-if-worse-than", "p_v1_1"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("error: p_v1_2 is significantly worse than p_v1_1"), "\(run)")
        let twice = try await kaizen.run(["eval", "latest", "p_v1_2", "--data", "test.jsonl"])
        #expect(twice.status == 1 && twice.stderr.contains("prompt version p_v1_2 is named twice"), "\(twice)")
    }

    /// A test set whose knowledge came as `knowledge` is answered without it; the command says so.
    @Test func aKeyTheTestSetDoesNotReadIsNamed() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        try kaizen.write(
            "knowledge.jsonl",
            #"{"id": "k1", "input": "How much does the T1 tent cost?", "knowledge": "The T1 tent costs 101 EUR."}"#
                + "\n")
        let run = try await kaizen.run(["eval", "p_v1_1", "--data", "knowledge.jsonl"])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stderr.contains(
                "note: keys of knowledge.jsonl not read, so not used: 'knowledge' on 1 of 1 lines (did you mean 'context'?)"
            ), "\(run)")
        let clean = try await kaizen.run(["eval", "p_v1_1", "--data", "test.jsonl", "--limit", "5"])
        #expect(!clean.stderr.contains("note: keys"), "\(clean)")
    }

    @Test func aBetterVersionPassesTheCheckAndJSONHasEveryFigure() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        let run = try await kaizen.run([
            "eval", "p_v1_2", "p_v1_1", "--data", "test.jsonl", "--fail-if-worse-than", "p_v1_2", "--json",
            "--html", "out/eval.html",
        ])
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["experiences"] as? Int == 100)
        let versions = try #require(object["versions"] as? [[String: Any]])
        #expect(versions.map { $0["prompt_id"] as? String } == ["p_v1_2", "p_v1_1"])
        let rates = try #require(versions.first?["failure_rates"] as? [String: Any])
        #expect(
            Set(rates.keys) == [
                "hallucination", "refusal", "unanswered", "missed_abstention", "incomplete", "verbose", "format",
            ])
        let differences = try #require(object["differences"] as? [[String: Any]])
        #expect(differences.first?["verdict"] as? String == "better", "\(run.stdout.prefix(2000))")
        #expect((object["gate"] as? [String: Any])?["passed"] as? Bool == true)
        #expect(run.stderr.contains("check passed"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: kaizen.path("out/eval.html")))
    }

    /// On an endpoint each version answers each experience three times by default, as the trainer's gate does
    /// there; `--answers` says otherwise, and the JSON records the count and every answer.
    @Test func anEndpointAnswersThreeTimesUnlessToldOtherwise() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        for (answers, expected) in [(nil, 3), ("2", 2)] as [(String?, Int)] {
            let server = FakeOpenAIServer([])
            let run = try await server.run { baseURL in
                try await kaizen.run(
                    [
                        "eval", "p_v1_1", "--data", "test.jsonl", "--limit", "5", "--json", "--llm-base-url", baseURL,
                        "--llm-model", "m",
                    ]
                        + (answers.map { ["--answers", $0] } ?? []))
            }
            #expect(run.status == 0, "\(run)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(object["answers_per_experience"] as? Int == expected, "\(run)")
            let cases = try #require(object["cases"] as? [[String: Any]])
            let results = cases.compactMap { ($0["results"] as? [[String: Any]])?.first }
            #expect(results.count == 5 && results.allSatisfy { ($0["answers"] as? [Any])?.count == expected })
            #expect(await server.calls == 1 + 5 * expected, "a probe, then every answer")
        }
    }

    @Test func helpListsEval() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["--help"])
        #expect(run.stdout.contains("eval"), "\(run)")
    }

    @Test func anUnknownVersionAndABadTestSetAreNamed() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try Self.setUp(kaizen)
        let unknown = try await kaizen.run(["eval", "p_v1_9", "--data", "test.jsonl"])
        #expect(unknown.status != 0 && unknown.stderr.contains("p_v1_9"), "\(unknown)")
        try kaizen.write("bad.jsonl", #"{"id": "x", "context": "c"}"# + "\n")
        let bad = try await kaizen.run(["eval", "p_v1_1", "--data", "bad.jsonl"])
        #expect(bad.status != 0 && bad.stderr.contains("line 1: field 'input'"), "\(bad)")
        let missing = try await kaizen.run(["eval", "p_v1_1", "--data", "none.jsonl"])
        #expect(missing.status != 0 && missing.stderr.contains("none.jsonl: no such file"), "\(missing)")
    }
}
