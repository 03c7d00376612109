import AsyncHTTPClient
import FakeModelServer
import Foundation
import LanguageModels
import Logging
import OpenAIClient
import Testing

/// The client over real HTTP (AsyncHTTPClient) against a fake OpenAI-compatible server started in the test.
struct FakeServerTests {
    private func makeClient(
        baseURL: String,
        sleeper: SleepRecorder = SleepRecorder(),
        configure: (inout OpenAIClientConfiguration) -> Void = { _ in }
    ) -> OpenAIClient {
        var configuration = OpenAIClientConfiguration(
            baseURL: baseURL,
            model: "fake-model",
            apiKey: "sk-fake",
            // Generous: on a saturated two-core machine (builds, a model server and other test runs) a 50 ms answer
            // once missed a 5 s timeout, so a test about something else saw a retry. Tests about timeouts set theirs.
            requestTimeout: .seconds(30)
        )
        configure(&configuration)
        return OpenAIClient(
            configuration: configuration,
            transport: HTTPClientTransport(client: .shared, maxResponseBytes: configuration.maxResponseBytes),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            sleep: sleeper.sleep,
            random: FixedGenerator()
        )
    }

    private let request = GenerationRequest(
        systemPrompt: "SYSTEM: be brief.",
        userTurn: "What is 2+2?",
        context: "2+2 is 4.",
        reference: "4"
    )

    @Test func answersOverHTTP() async throws {
        let server = FakeOpenAIServer([])
        let response = try await server.run { baseURL in
            try await self.makeClient(baseURL: baseURL).generate(self.request)
        }
        #expect(response.outputs.count == 1)
        #expect(response.outputs[0].hasPrefix("answer 0 to"))
        #expect(response.usage == TokenUsage(promptTokens: 11, completionTokens: 4))
        #expect(response.model == "fake-model")
        #expect(response.simulated == false)
        #expect(await server.calls == 1)
        #expect(await server.authorizations == ["Bearer sk-fake"])
    }

    @Test func slowServerTimesOutIsRetriedThenFails() async throws {
        let server = FakeOpenAIServer([], fallback: .complete(delay: .milliseconds(600)))
        let sleeper = SleepRecorder()
        let error = try await server.run { baseURL in
            let client = self.makeClient(baseURL: baseURL, sleeper: sleeper) {
                $0.requestTimeout = .milliseconds(150)
                $0.maxRetries = 1
            }
            return await #expect(throws: GenerationError.self) { try await client.generate(self.request) }
        }
        #expect(await server.calls == 2)
        #expect(sleeper.recorded.count == 1)
        let message = try #require(error).description
        #expect(message.contains("no complete answer within"))
        #expect(message.contains("gave up after 2 attempts"))
    }

    @Test func slowOnceThenFastSucceeds() async throws {
        // The first answer comes long after the timeout; the retry's answer comes at once, with a generous timeout
        // so a loaded machine cannot make the fast answer miss it too.
        // (8 s: 1 s and then 3 s timeouts were missed by the fast answer too when the machine was saturated.)
        let server = FakeOpenAIServer([.complete(delay: .seconds(20))])
        let response = try await server.run { baseURL in
            try await self.makeClient(baseURL: baseURL) { $0.requestTimeout = .seconds(8) }.generate(
                self.request
            )
        }
        #expect(response.outputs.count == 1)
        #expect(await server.calls == 2)
    }

    @Test func serverErrorThenOK() async throws {
        let server = FakeOpenAIServer([.status(500, body: #"{"error":{"message":"CUDA out of memory"}}"#)])
        let sleeper = SleepRecorder()
        let response = try await server.run { baseURL in
            try await self.makeClient(baseURL: baseURL, sleeper: sleeper).generate(self.request)
        }
        #expect(response.outputs.count == 1)
        #expect(await server.calls == 2)
        #expect(sleeper.recorded == [.milliseconds(250)])
    }

    @Test func rateLimitWithRetryAfterThenOK() async throws {
        let server = FakeOpenAIServer([
            .status(429, body: #"{"error":{"message":"Rate limit reached"}}"#, headers: ["Retry-After": "2"])
        ])
        let sleeper = SleepRecorder()
        let response = try await server.run { baseURL in
            try await self.makeClient(baseURL: baseURL, sleeper: sleeper).generate(self.request)
        }
        #expect(response.outputs.count == 1)
        #expect(await server.calls == 2)
        #expect(sleeper.recorded == [.seconds(2)])
    }

    @Test func badRequestIsNotRetried() async throws {
        let server = FakeOpenAIServer(
            [],
            fallback: .status(400, body: #"{"error":{"message":"max_tokens is too large: 99999"}}"#)
        )
        let sleeper = SleepRecorder()
        let error = try await server.run { baseURL in
            let client = self.makeClient(baseURL: baseURL, sleeper: sleeper)
            return await #expect(throws: GenerationError.self) { try await client.generate(self.request) }
        }
        #expect(await server.calls == 1)
        #expect(sleeper.recorded.isEmpty)
        let message = try #require(error).description
        #expect(message.contains("HTTP 400"))
        #expect(message.contains("max_tokens is too large: 99999"))
    }

    @Test func garbageBodyIsRetriedThenReported() async throws {
        let server = FakeOpenAIServer([], fallback: .raw("<html><body>502 Bad Gateway</body></html>"))
        let error = try await server.run { baseURL in
            let client = self.makeClient(baseURL: baseURL) { $0.maxRetries = 2 }
            return await #expect(throws: GenerationError.self) { try await client.generate(self.request) }
        }
        #expect(await server.calls == 3)
        let message = try #require(error).description
        #expect(message.contains("not valid JSON"))
        #expect(message.contains("502 Bad Gateway"))
    }

    @Test func truncatedJSONIsRetriedThenSucceeds() async throws {
        let server = FakeOpenAIServer([.raw(#"{"choices":[{"index":0,"message":{"content":"half an ans"#)])
        let response = try await server.run { baseURL in
            try await self.makeClient(baseURL: baseURL).generate(self.request)
        }
        #expect(response.outputs.count == 1)
        #expect(await server.calls == 2)
    }

    @Test func connectionDroppedMidBodyIsRetriedThenSucceeds() async throws {
        let server = FakeOpenAIServer([.cutOff(prefix: #"{"choices":[{"index":0,"mess"#)])
        let response = try await server.run { baseURL in
            try await self.makeClient(baseURL: baseURL).generate(self.request)
        }
        #expect(response.outputs.count == 1)
        #expect(await server.calls == 2)
    }

    @Test func oversizedAnswerFailsWithoutRetry() async throws {
        let server = FakeOpenAIServer([])
        let error = try await server.run { baseURL in
            let client = self.makeClient(baseURL: baseURL) { $0.maxResponseBytes = 64 }
            return await #expect(throws: GenerationError.self) { try await client.generate(self.request) }
        }
        #expect(await server.calls == 1)
        #expect(try #require(error).description.contains("larger than 64 bytes"))
    }

    @Test func serverIgnoringNIsCalledUntilNOutputs() async throws {
        let server = FakeOpenAIServer([], fallback: .complete(maxChoices: 1))
        let (response, usage) = try await server.run { baseURL in
            let client = self.makeClient(baseURL: baseURL)
            var request = self.request
            request.n = 4
            let response = try await client.generate(request)
            return (response, client.usage)
        }
        #expect(response.outputs.count == 4)
        #expect(await server.calls == 4)
        #expect(response.usage == TokenUsage(promptTokens: 44, completionTokens: 16))
        #expect(usage == response.usage)
    }

    @Test func serverRefusingNIsAskedOneChoiceAtATime() async throws {
        let server = FakeOpenAIServer([], fallback: .onlyOneChoice)
        let sleeper = SleepRecorder()
        let response = try await server.run { baseURL in
            var request = self.request
            request.n = 3
            return try await self.makeClient(baseURL: baseURL, sleeper: sleeper).generate(request)
        }
        #expect(response.outputs.count == 3)
        #expect(await server.calls == 4)
        #expect(sleeper.recorded.isEmpty)
    }

    @Test func serverHonouringNIsCalledOnce() async throws {
        let server = FakeOpenAIServer([])
        let response = try await server.run { baseURL in
            var request = self.request
            request.n = 4
            return try await self.makeClient(baseURL: baseURL).generate(request)
        }
        #expect(response.outputs == (0..<4).map { "answer \($0) to 42 chars" })
        #expect(await server.calls == 1)
    }

    @Test func unreachableServerFailsAfterRetries() async throws {
        // Port 9 (discard) on localhost is closed on any ordinary machine. AsyncHTTPClient keeps trying to connect
        // until the request's deadline, so a server that is down shows up as a timeout or a connection failure.
        let sleeper = SleepRecorder()
        let client = self.makeClient(baseURL: "http://127.0.0.1:9/v1", sleeper: sleeper) {
            $0.requestTimeout = .milliseconds(200)
            $0.maxRetries = 1
        }
        let error = await #expect(throws: GenerationError.self) { try await client.generate(self.request) }
        let message = try #require(error).description
        #expect(message.contains("no complete answer within") || message.contains("connection failed"))
        #expect(message.contains("gave up after 2 attempts"))
        #expect(sleeper.recorded.count == 1)
    }

    @Test func concurrencyIsBoundedAcrossConcurrentCalls() async throws {
        let server = FakeOpenAIServer([], fallback: .complete(delay: .milliseconds(50)))
        let outputs = try await server.run { baseURL in
            let client = self.makeClient(baseURL: baseURL) { $0.maxConcurrentRequests = 4 }
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        var request = self.request
                        request.userTurn = "Question \(index)?"
                        return try await client.generate(request).outputs.count
                    }
                }
                var total = 0
                for try await count in group { total += count }
                return total
            }
        }
        #expect(outputs == 20)
        #expect(await server.calls == 20)
        let peak = await server.maxInFlight
        #expect(peak <= 4)
        #expect(peak >= 2)
    }
}
