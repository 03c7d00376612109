import AsyncHTTPClient
import Experiences
import FakeModelServer
import Logging
import OpenAIClient
import Testing
import Verification

/// The verifier's LLM judge through the OpenAI-compatible client, against the fake server.
struct JudgeOverHTTPTests {
    static let experience = Experience(
        id: "j", input: "Who wrote it?", context: "It was written by Ann Lee.", response: "Ann Lee wrote it.")

    static func answer(_ content: String) -> FakeOpenAIServer.Behaviour {
        .raw(
            #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"\#(content)"},"finish_reason":"stop"}],"usage":{"prompt_tokens":40,"completion_tokens":1,"total_tokens":41}}"#
        )
    }

    static func judge(_ baseURL: String) -> OpenAIClient {
        OpenAIClient(
            configuration: OpenAIClientConfiguration(
                baseURL: baseURL, model: "judge-model", requestTimeout: .seconds(60), maxRetries: 0),
            transport: HTTPClientTransport(client: .shared, maxResponseBytes: 1 << 20),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    @Test func aJudgedRewardReadsTheScoreAndCachesIt() async throws {
        let server = FakeOpenAIServer([Self.answer("8")], fallback: Self.answer("2"))
        let (first, again) = try await server.run { baseURL in
            let model = JudgedRewardModel(verifier: try Verifier(), judge: Self.judge(baseURL))
            return (
                try await model.score(output: "Ann Lee wrote it.", for: Self.experience),
                try await model.score(output: "Ann Lee wrote it.", for: Self.experience)
            )
        }
        #expect(first.parts.judge == 0.8 && first == again)
        #expect(await server.calls == 1)
    }

    @Test func aJudgeThatAnswersNonsenseIsAClearError() async throws {
        let server = FakeOpenAIServer([], fallback: Self.answer("The response looks fine to me."))
        await #expect {
            try await server.run { baseURL in
                try await JudgedRewardModel(verifier: try Verifier(), judge: Self.judge(baseURL))
                    .score(output: "Ann Lee wrote it.", for: Self.experience)
            }
        } throws: { error in
            (error as? VerificationError).map { $0.isJudgeAnswer && "\($0)".contains("looks fine") } ?? false
        }
        #expect(await server.calls == 2)
    }
}
