import AsyncHTTPClient
import FakeModelServer
import Foundation
import LanguageModels
import Logging
import OpenAIClient
import Testing

/// The per-token timeout allowance and ``OpenAIClient/probe(timeout:)``, through the scripted transport and over
/// real HTTP against the fake server.
struct TimeoutAndProbeTests {
    private func makeClient(
        _ transport: any ChatTransport,
        configure: (inout OpenAIClientConfiguration) -> Void = { _ in }
    ) -> OpenAIClient {
        var configuration = OpenAIClientConfiguration(baseURL: "http://llm.test/v1", model: "qwen-test")
        configure(&configuration)
        return OpenAIClient(
            configuration: configuration,
            transport: transport,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            sleep: SleepRecorder().sleep,
            random: FixedGenerator()
        )
    }

    private func makeHTTPClient(
        baseURL: String,
        configure: (inout OpenAIClientConfiguration) -> Void = { _ in }
    ) -> OpenAIClient {
        // 60 s: the fake server answers in milliseconds alone, but CI's two cores, shared with the whole suite and
        // llama-server, once kept three probes from being answered within 5.5 s. The tests about timeouts set their own.
        var configuration = OpenAIClientConfiguration(
            baseURL: baseURL, model: "fake-model", requestTimeout: .seconds(60))
        configure(&configuration)
        return OpenAIClient(
            configuration: configuration,
            transport: HTTPClientTransport(client: OpenAIClient.sharedHTTPClient),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            sleep: SleepRecorder().sleep,
            random: FixedGenerator()
        )
    }

    // MARK: - Timeout per token

    @Test func timeoutIsTheBasePlusAnAllowancePerTokenTheCallMayGenerate() {
        let configuration = OpenAIClientConfiguration(requestTimeout: .seconds(60), timeoutPerToken: .milliseconds(500))
        #expect(configuration.timeout(maxTokens: nil, choices: 1) == .seconds(60))
        #expect(configuration.timeout(maxTokens: 512, choices: 1) == .seconds(316))
        #expect(configuration.timeout(maxTokens: 64, choices: 4) == .seconds(188))
        let fixed = OpenAIClientConfiguration(requestTimeout: .seconds(60), timeoutPerToken: .zero)
        #expect(fixed.timeout(maxTokens: 512, choices: 4) == .seconds(60))
        #expect(OpenAIClientConfiguration().timeoutPerToken == .milliseconds(500))
    }

    @Test func eachCallGetsTheTimeoutOfWhatItAsksFor() async throws {
        let transport = ScriptedTransport(
            [],
            fallback: .refuseSeveral(status: 500, message: "Only one completion choice is allowed")
        )
        let client = self.makeClient(transport) {
            $0.requestTimeout = .seconds(10)
            $0.timeoutPerToken = .milliseconds(100)
        }
        _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2, maxTokens: 100))
        _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        // n = 2 x 100 tokens, refused; then 2 calls of 1 x 100 tokens; then no max_tokens: the base alone.
        #expect(await transport.timeouts == [.seconds(30), .seconds(20), .seconds(20), .seconds(10)])
    }

    @Test func slowLongAnswerFitsItsAllowanceInsteadOfTimingOut() async throws {
        // 400 ms to answer: more than the 100 ms base, far less than 100 ms + 100 tokens x 1 s. The allowance is
        // that wide because CI's two cores, shared with the whole suite and llama-server, once kept this answer
        // from arriving within 10.1 s; with the base alone the call still times out, which is what this tests.
        let server = FakeOpenAIServer([], fallback: .complete(delay: .milliseconds(400)))
        let response = try await server.run { baseURL in
            try await self.makeHTTPClient(baseURL: baseURL) {
                $0.requestTimeout = .milliseconds(100)
                $0.timeoutPerToken = .seconds(1)
                $0.maxRetries = 0
            }.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", maxTokens: 100))
        }
        #expect(response.outputs.count == 1)
        #expect(await server.calls == 1)
    }

    // MARK: - Probe

    @Test func probeSendsOneOneTokenCallAndReportsTheServedModel() async throws {
        let transport = ScriptedTransport([], fallback: .complete(promptTokens: 9, completionTokens: 1))
        let client = self.makeClient(transport) {
            $0.requestTimeout = .seconds(10)
            $0.timeoutPerToken = .milliseconds(100)
        }
        let result = try await client.probe()
        #expect(result.servedModel == "served-name")
        #expect(result.usage == TokenUsage(promptTokens: 9, completionTokens: 1))
        #expect(client.usage == result.usage)
        let body = try #require(try await transport.bodies.first)
        #expect(body["max_tokens"] as? Int == 1)
        #expect(body["n"] as? Int == 1)
        #expect(body["temperature"] as? Double == 0)
        #expect(body["model"] as? String == "qwen-test")
        #expect(await transport.timeouts == [.milliseconds(10_100)])
    }

    @Test func probeOverHTTPAnswers() async throws {
        let server = FakeOpenAIServer([])
        let result = try await server.run { baseURL in try await self.makeHTTPClient(baseURL: baseURL).probe() }
        #expect(result.latency > .zero)
        #expect(await server.calls == 1)
    }

    @Test func probeFailsAtOnceWhenNothingListens() async throws {
        // Port 9 (discard) on localhost is closed on any ordinary machine. The module's HTTP client does not keep
        // reconnecting, so the refusal comes back at once (well under a second alone; a few seconds while the whole
        // suite loads the machine; up to 101 s seen on two cores also running builds) instead of at the deadline.
        let client = self.makeHTTPClient(baseURL: "http://127.0.0.1:9/v1")
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: GenerationError.self) { try await client.probe(timeout: .seconds(300)) }
        #expect(clock.now - start < .seconds(240))
        let message = try #require(error).description
        #expect(message.contains("probe of http://127.0.0.1:9/v1/chat/completions failed"))
        #expect(message.contains("connection failed: connection refused; is a server running there?"), "\(message)")
        #expect(!message.contains("errno"), "the socket's error in words, not NIO's description: \(message)")
    }

    @Test func probeNamesAnUnknownModelAndDoesNotRetry() async throws {
        let body = #"{"error":{"message":"The model `qwen-test` does not exist.","type":"NotFoundError"}}"#
        let server = FakeOpenAIServer([], fallback: .status(404, body: body))
        let error = try await server.run { baseURL in
            let client = self.makeHTTPClient(baseURL: baseURL)
            return await #expect(throws: GenerationError.self) { try await client.probe() }
        }
        #expect(await server.calls == 1)
        let message = try #require(error).description
        #expect(message.contains("does not know model 'fake-model'"))
        #expect(message.contains("HTTP 404"))
        #expect(message.contains("does not exist"))
    }

    @Test(arguments: [
        (503, #"{"error":{"message":"Loading model"}}"#, "not ready"),
        (401, #"{"error":{"message":"Invalid API Key"}}"#, "refused the API key"),
        (500, "boom", "failed a minimal chat completion request"),
    ])
    func probeReportsOtherStatusesOnce(status: Int, body: String, expected: String) async throws {
        let server = FakeOpenAIServer([], fallback: .status(status, body: body))
        let error = try await server.run { baseURL in
            let client = self.makeHTTPClient(baseURL: baseURL)
            return await #expect(throws: GenerationError.self) { try await client.probe() }
        }
        #expect(await server.calls == 1)
        #expect(try #require(error).description.contains(expected))
    }

    @Test func probeRejectsAnAnswerThatIsNotAChatCompletion() async throws {
        let server = FakeOpenAIServer([], fallback: .raw("<html>It works!</html>"))
        let error = try await server.run { baseURL in
            let client = self.makeHTTPClient(baseURL: baseURL)
            return await #expect(throws: GenerationError.self) { try await client.probe() }
        }
        #expect(await server.calls == 1)
        #expect(try #require(error).description.contains("not an OpenAI-compatible chat completion"))
    }

    @Test func probeTimesOutWithAClearMessage() async throws {
        let server = FakeOpenAIServer([], fallback: .complete(delay: .seconds(2)))
        let error = try await server.run { baseURL in
            let client = self.makeHTTPClient(baseURL: baseURL)
            return await #expect(throws: GenerationError.self) { try await client.probe(timeout: .milliseconds(200)) }
        }
        #expect(try #require(error).description.contains("no answer to a one-token request within"))
    }
}
