import FakeModelServer
import Foundation
import Testing

/// `--judge-model`: the LLM judge as a reward part from the command line, and clear errors when it cannot be one.
struct JudgeOptionTests {
    static let lines = [
        #"{"id":"a","input":"Who wrote it?","context":"It was written by Ann Lee.","response":"Ann Lee wrote it."}"#,
        #"{"id":"b","input":"Who wrote it?","context":"It was written by Ann Lee.","response":"Bo Chen wrote it."}"#,
    ]

    /// The fake server answers "answer 0 to N chars": its first number, 0, is the judge's rating.
    @Test func verifyAddsTheJudgePartToEveryLine() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("lines.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let server = FakeOpenAIServer([])
        let run = try await server.run { baseURL in
            try await kaizen.run(["verify", "lines.jsonl", "--judge-model", "grader", "--judge-base-url", baseURL])
        }
        #expect(run.status == 0, "\(run)")
        let verdicts = try run.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(verdicts.map { $0["id"] as? String } == ["a", "b"])
        #expect(verdicts.allSatisfy { ($0["parts"] as? [String: Any])?["judge"] as? Double == 0 }, "\(run)")
        #expect(run.stderr.contains("judge: grader at "), "\(run)")
        #expect(run.stderr.contains("judged 2/2"), "\(run)")
        #expect(await server.calls == 3, "a probe, then one call per line")

        // On the model endpoint's URL, named by the environment, as every command reads it.
        let shared = FakeOpenAIServer([])
        let viaEnvironment = try await shared.run { baseURL in
            try await kaizen.run(
                ["verify", "lines.jsonl"],
                environment: ["KAIZEN_JUDGE_MODEL": "grader", "KAIZEN_LLM_BASE_URL": baseURL])
        }
        #expect(viaEnvironment.status == 0 && viaEnvironment.stdout == run.stdout, "\(viaEnvironment)")
    }

    /// `eval` on an endpoint, judged on the same one: the reward model is named, and standard output stays the JSON
    /// alone (the endpoints' "answers" lines go to standard error). Each version answers each experience three
    /// times (the default on an endpoint); the fake server's answers are all alike, and the judge is asked once per
    /// experience, whether the same answer comes while its judgement is in flight or after.
    @Test func evalRecordsTheJudgedRewardModelAndKeepsItsJSONClean() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try EvalCommandTests.setUp(kaizen)
        let server = FakeOpenAIServer([])
        let run = try await server.run { baseURL in
            try await kaizen.run([
                "eval", "p_v1_1", "--data", "test.jsonl", "--limit", "5", "--json", "--llm-base-url", baseURL,
                "--llm-model", "answerer", "--judge-model", "grader",
            ])
        }
        #expect(run.status == 0, "\(run)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(result["reward_model"] as? String == "kaizen-verifier/2+judge:grader", "\(run)")
        #expect(run.stderr.contains("model: answerer at "), "\(run)")
        #expect(run.stderr.contains("judge: grader at "), "\(run)")
        #expect(result["answers_per_experience"] as? Int == 3, "\(run)")
        #expect(await server.calls == 2 + 15 + 5, "two probes, three answers to each of five, five judgements")
    }

    /// Training with the judge: the version it writes names the judged reward model as its verifier, and every
    /// distinct answer it scored cost one judge call.
    @Test func aVersionTrainedWithTheJudgeNamesIt() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let server = FakeOpenAIServer([])
        let run = try await server.run { baseURL in
            try await kaizen.run([
                "demo", "--dir", kaizen.path("demo"), "--rounds", "1", "--interactions", "120", "--judge-model",
                "grader", "--judge-base-url", baseURL,
            ])
        }
        #expect(run.status == 0, "\(run)")
        let version = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: URL(
                        fileURLWithPath: kaizen.path(
                            "demo/prompt_registry/p_v1_2.json")))) as? [String: Any], "\(run)")
        let metadata = try #require(version["metadata"] as? [String: Any])
        #expect(metadata["verifier"] as? String == "kaizen-verifier/2+judge:grader")
        #expect(await server.calls > 1, "the probe and the judgements")
    }

    @Test func aJudgeThatAnswersNoRatingStopsTheCommandNamingTheLine() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("one.jsonl", Self.lines[1] + "\n")
        let prose =
            #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"#
            + #""The conversation is about a book."},"finish_reason":"stop"}],"#
            + #""usage":{"prompt_tokens":1,"completion_tokens":7,"total_tokens":8}}"#
        let server = FakeOpenAIServer([], fallback: .raw(prose))
        let run = try await server.run { baseURL in
            try await kaizen.run(["verify", "one.jsonl", "--judge-model", "grader", "--judge-base-url", baseURL])
        }
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(
            run.stderr.contains(
                #"error: line 1: the judge model's answer has no score from 0 to 10: "The conversation is about a book.""#
            ),
            "\(run)")
        #expect(await server.calls == 3, "the probe, the question and one reminder")
    }

    @Test func judgeOptionsWithoutAJudgeOrAnEndpointAreRefused() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("lines.jsonl", Self.lines[0] + "\n")
        let noEndpoint = try await kaizen.run(["verify", "lines.jsonl", "--judge-model", "grader"])
        #expect(noEndpoint.status == 1, "\(noEndpoint)")
        #expect(
            noEndpoint.stderr.hasPrefix(
                "error: the judge model 'grader' needs an endpoint: --judge-base-url (KAIZEN_JUDGE_BASE_URL), or "
                    + "KAIZEN_LLM_BASE_URL to share the model's"), "\(noEndpoint)")
        try EvalCommandTests.setUp(kaizen)
        let evalWithoutEndpoint = try await kaizen.run(
            ["eval", "p_v1_1", "--data", "test.jsonl", "--judge-model", "grader"])
        #expect(evalWithoutEndpoint.status == 1, "\(evalWithoutEndpoint)")
        #expect(
            evalWithoutEndpoint.stderr.contains("or --llm-base-url (KAIZEN_LLM_BASE_URL) to share the model's"),
            "\(evalWithoutEndpoint)")
        let noModel = try await kaizen.run(["verify", "lines.jsonl", "--judge-base-url", "http://127.0.0.1:9/v1"])
        #expect(noModel.status == 1, "\(noModel)")
        #expect(
            noModel.stderr.hasPrefix(
                "error: --judge-base-url (KAIZEN_JUDGE_BASE_URL) needs --judge-model (KAIZEN_JUDGE_MODEL)"),
            "\(noModel)")
        let down = try await kaizen.run(
            ["verify", "lines.jsonl", "--judge-model", "grader", "--judge-base-url", "http://127.0.0.1:9/v1"])
        #expect(down.status == 1 && down.stderr.hasPrefix("error: the judge endpoint is not usable: "), "\(down)")
        let ranker = try await kaizen.run(["serve", "ranker", "--judge-model", "grader"])
        #expect(ranker.status != 0, "\(ranker)")
        #expect(
            ranker.stderr.contains("--judge-model and --judge-base-url are for the rl-trainer service"), "\(ranker)")
    }
}
