import Foundation
import LanguageModels
import Logging
import OpenAIClient
import Testing

/// The client's request building, parsing, retries and accounting, through a scripted transport (no network).
struct OpenAIClientTests {
    private func makeClient(
        _ transport: ScriptedTransport,
        configure: (inout OpenAIClientConfiguration) -> Void = { _ in },
        sleeper: SleepRecorder = SleepRecorder(),
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> OpenAIClient {
        var configuration = OpenAIClientConfiguration(baseURL: "http://llm.test/v1/", model: "qwen-test")
        configure(&configuration)
        return OpenAIClient(
            configuration: configuration,
            transport: transport,
            logger: logger,
            sleep: sleeper.sleep,
            random: FixedGenerator(),
            now: now
        )
    }

    // MARK: - Request

    @Test func sendsSystemPromptThenContextAndQuestionButNeverTheReference() async throws {
        let transport = ScriptedTransport([])
        let client = self.makeClient(transport) { $0.apiKey = "sk-secret" }
        let request = GenerationRequest(
            systemPrompt: "SYSTEM: answer from the context.",
            userTurn: "When was it founded?",
            context: "Acme was founded in 1901.",
            reference: "GOLD-ANSWER-1901",
            kind: "factual",
            format: "json",
            n: 2,
            temperature: 0.7,
            maxTokens: 64,
            seed: 42
        )
        _ = try await client.generate(request)

        let sent = try #require(await transport.requests.first)
        #expect(sent.url == "http://llm.test/v1/chat/completions")
        #expect(sent.headers["Authorization"] == "Bearer sk-secret")
        #expect(sent.headers["Content-Type"] == "application/json")
        let text = String(decoding: sent.body, as: UTF8.self)
        #expect(!text.contains("GOLD-ANSWER"))
        #expect(!text.contains("factual"))

        let body = try #require(try await transport.bodies.first)
        #expect(body["model"] as? String == "qwen-test")
        #expect(body["n"] as? Int == 2)
        #expect(body["temperature"] as? Double == 0.7)
        #expect(body["max_tokens"] as? Int == 64)
        #expect(body["seed"] as? Int == 42)
        #expect(body["reference"] == nil)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.count == 2)
        #expect(messages[0] == ["role": "system", "content": "SYSTEM: answer from the context."])
        #expect(
            messages[1] == [
                "role": "user",
                "content": "Context:\nAcme was founded in 1901.\n\nQuestion:\nWhen was it founded?",
            ]
        )
    }

    @Test func omitsWhatIsNotGiven() async throws {
        let transport = ScriptedTransport([])
        let client = self.makeClient(transport)
        _ = try await client.generate(GenerationRequest(systemPrompt: "", userTurn: "Hi", context: ""))

        let sent = try #require(await transport.requests.first)
        #expect(sent.headers.keys.contains { $0.lowercased() == "authorization" } == false)
        let body = try #require(try await transport.bodies.first)
        #expect(body["seed"] == nil)
        #expect(body["max_tokens"] == nil)
        #expect(body["n"] as? Int == 1)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages == [["role": "user", "content": "Hi"]])
    }

    @Test func extraHeadersAreSentButCannotReplaceTheKey() async throws {
        let transport = ScriptedTransport([])
        let client = self.makeClient(transport) {
            $0.apiKey = "sk-real"
            $0.extraHeaders = ["X-Route": "gpu-2", "authorization": "Bearer forged"]
        }
        _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        let sent = try #require(await transport.requests.first)
        #expect(sent.headers["X-Route"] == "gpu-2")
        #expect(sent.headers.filter { $0.key.lowercased() == "authorization" } == ["Authorization": "Bearer sk-real"])
        #expect(await transport.timeouts == [.seconds(60)])
    }

    // MARK: - Answers

    @Test func returnsChoicesInIndexOrderWithUsageAndModelName() async throws {
        let shuffled = """
            {"choices":[{"index":1,"message":{"content":"second"}},{"index":0,"message":{"content":"first"}}],
             "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}
            """
        let transport = ScriptedTransport([.respond(ChatTransportResponse(status: 200, text: shuffled))])
        let client = self.makeClient(transport)
        let response = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2))
        #expect(response.outputs == ["first", "second"])
        #expect(response.usage == TokenUsage(promptTokens: 30, completionTokens: 12))
        #expect(response.model == "qwen-test")
        #expect(response.simulated == false)
        #expect(client.name == "qwen-test")
    }

    @Test func keepsEachChoicesFinishReasonInIndexOrder() async throws {
        // The verifier scores an answer the token cap cut as incomplete; only the server knows that it was cut.
        let body = """
            {"choices":[{"index":1,"message":{"content":"The Ghent"},"finish_reason":"length"},
                        {"index":0,"message":{"content":"It has 40 spaces."},"finish_reason":"stop"}]}
            """
        let transport = ScriptedTransport([.respond(ChatTransportResponse(status: 200, text: body))])
        let response = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2))
        #expect(response.outputs == ["It has 40 spaces.", "The Ghent"])
        #expect(response.finishReasons == [.stop, .length])
        #expect(response.finishReason(of: 1) == .length)
        #expect(response.finishReason(of: 2) == nil)
    }

    @Test func aServerThatGivesNoFinishReasonLeavesThemEmpty() async throws {
        let body = #"{"choices":[{"message":{"content":"ok"}},{"message":{"content":"ok too"},"finish_reason":null}]}"#
        let transport = ScriptedTransport([.respond(ChatTransportResponse(status: 200, text: body))])
        let response = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2))
        #expect(response.finishReasons.isEmpty)
        #expect(response.finishReason(of: 0) == nil)
    }

    @Test func reportsTheModelTheServerSaysAnswered() async throws {
        // A router or a server with an alias may answer with another model than the one asked for; provenance must
        // name the one that answered.
        let body = #"{"model":"qwen2.5-7b-instruct-q4","choices":[{"message":{"content":"ok"}}]}"#
        let transport = ScriptedTransport([.respond(ChatTransportResponse(status: 200, text: body))])
        let client = self.makeClient(transport)
        let response = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        #expect(response.model == "qwen2.5-7b-instruct-q4")
        #expect(client.name == "qwen-test")
    }

    @Test func missingUsageCountsAsZero() async throws {
        let body = #"{"choices":[{"message":{"content":"ok"}}]}"#
        let transport = ScriptedTransport([.respond(ChatTransportResponse(status: 200, text: body))])
        let response = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U")
        )
        #expect(response.outputs == ["ok"])
        #expect(response.usage == TokenUsage())
    }

    @Test func usageAccumulatesPerClientAcrossCalls() async throws {
        let transport = ScriptedTransport([], fallback: .complete(promptTokens: 7, completionTokens: 3))
        let client = self.makeClient(transport)
        #expect(client.usage == TokenUsage())
        for _ in 0..<3 {
            _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(client.usage == TokenUsage(promptTokens: 21, completionTokens: 9))
        #expect(client.usage.totalTokens == 30)
    }

    @Test func serverIgnoringNIsAskedAgainForTheMissingOutputsWithShiftedSeeds() async throws {
        let transport = ScriptedTransport([], fallback: .complete(choices: 1, promptTokens: 10, completionTokens: 4))
        let client = self.makeClient(transport)
        let response = try await client.generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U", n: 3, seed: 100)
        )
        #expect(response.outputs.count == 3)
        #expect(await transport.callCount == 3)
        let bodies = try await transport.bodies
        #expect(bodies.map { $0["n"] as? Int } == [3, 2, 1])
        #expect(bodies.map { $0["seed"] as? Int } == [100, 101, 102])
        #expect(response.usage == TokenUsage(promptTokens: 30, completionTokens: 12))
    }

    @Test(arguments: [500, 400])
    func serverRefusingSeveralChoicesIsAskedOneAtATimeFromThenOn(status: Int) async throws {
        // llama.cpp's llama-server answers n != 1 with "Only one completion choice is allowed" (400 or 500).
        let transport = ScriptedTransport(
            [],
            fallback: .refuseSeveral(status: status, message: "Only one completion choice is allowed")
        )
        let sleeper = SleepRecorder()
        let client = self.makeClient(transport, sleeper: sleeper)
        let first = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", n: 3, seed: 7))
        #expect(first.outputs == ["one", "one", "one"])
        let second = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2))
        #expect(second.outputs.count == 2)
        let bodies = try await transport.bodies
        #expect(bodies.map { $0["n"] as? Int } == [3, 1, 1, 1, 1, 1])
        #expect(bodies.prefix(4).map { $0["seed"] as? Int } == [7, 7, 8, 9])
        #expect(sleeper.recorded.isEmpty)
    }

    @Test func choiceLimitSplitsCallsWithoutProbing() async throws {
        let transport = ScriptedTransport(
            [],
            fallback: .refuseSeveral(status: 500, message: "Only one completion choice is allowed")
        )
        let client = self.makeClient(transport) { $0.maxChoicesPerRequest = 1 }
        _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", n: 3))
        #expect(try await transport.bodies.map { $0["n"] as? Int } == [1, 1, 1])

        let pairs = ScriptedTransport([])
        _ = try await self.makeClient(pairs) { $0.maxChoicesPerRequest = 2 }.generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U", n: 5)
        )
        #expect(try await pairs.bodies.map { $0["n"] as? Int } == [2, 2, 1])
    }

    @Test func unrelatedRefusalOfSeveralChoicesIsNotAProbe() async throws {
        let transport = ScriptedTransport(
            [],
            fallback: .refuseSeveral(status: 400, message: "max_tokens must be at most 4096")
        )
        let client = self.makeClient(transport)
        let error = await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2))
        }
        #expect(await transport.callCount == 1)
        #expect(try #require(error).description.contains("max_tokens must be at most 4096"))
    }

    @Test func extraChoicesAreDropped() async throws {
        let transport = ScriptedTransport([.complete(choices: 5)])
        let response = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U", n: 2)
        )
        #expect(response.outputs == ["out #0", "out #1"])
        #expect(await transport.callCount == 1)
    }

    @Test func hugeSeedsAreReducedTo31Bits() async throws {
        let transport = ScriptedTransport([])
        _ = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U", seed: UInt64.max)
        )
        let body = try #require(try await transport.bodies.first)
        #expect(body["seed"] as? Int == 0x7FFF_FFFF)
    }

    // MARK: - Retries

    @Test func serverErrorIsRetriedAfterJitteredBackoff() async throws {
        let transport = ScriptedTransport([
            .respond(ChatTransportResponse(status: 500, text: #"{"error":{"message":"overloaded"}}"#))
        ])
        let sleeper = SleepRecorder()
        let response = try await self.makeClient(transport, sleeper: sleeper).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U")
        )
        #expect(response.outputs == ["out #0"])
        #expect(await transport.callCount == 2)
        // Unit 0.5 under the first ceiling (initialBackoff 0.5 s).
        #expect(sleeper.recorded == [.milliseconds(250)])
    }

    @Test func backoffDoublesUpToTheCapThenGivesUp() async throws {
        let transport = ScriptedTransport([], fallback: .respond(ChatTransportResponse(status: 503, text: "busy")))
        let sleeper = SleepRecorder()
        let client = self.makeClient(
            transport,
            configure: {
                $0.maxRetries = 5
                $0.maxBackoff = .seconds(3)
            },
            sleeper: sleeper
        )
        let error = await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(await transport.callCount == 6)
        // Ceilings 0.5, 1, 2, 3 (cap), 3; half of each.
        #expect(
            sleeper.recorded == [
                .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(1500), .milliseconds(1500),
            ]
        )
        let message = try #require(error).description
        #expect(message.contains("HTTP 503"))
        #expect(message.contains("busy"))
        #expect(message.contains("gave up after 6 attempts"))
        #expect(try #require(error).isInvalidRequest == false)
    }

    @Test func rateLimitHonoursRetryAfterSeconds() async throws {
        let transport = ScriptedTransport([
            .respond(ChatTransportResponse(status: 429, headers: ["Retry-After": "3"], text: "slow down")),
            .respond(ChatTransportResponse(status: 429, headers: ["retry-after": "600"], text: "slow down")),
        ])
        let sleeper = SleepRecorder()
        let client = self.makeClient(transport, sleeper: sleeper)
        _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        #expect(await transport.callCount == 3)
        // The second wait is cut to maxRetryAfter (60 s).
        #expect(sleeper.recorded == [.seconds(3), .seconds(60)])
    }

    @Test func rateLimitHonoursRetryAfterDate() async throws {
        let now = Date(timeIntervalSince1970: 784_111_770)  // Sun, 06 Nov 1994 08:49:30 GMT
        let transport = ScriptedTransport([
            .respond(
                ChatTransportResponse(
                    status: 429,
                    headers: ["Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"],
                    text: "{}"
                )
            )
        ])
        let sleeper = SleepRecorder()
        _ = try await self.makeClient(transport, sleeper: sleeper, now: { now }).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U")
        )
        #expect(sleeper.recorded == [.seconds(7)])
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(status: Int) async throws {
        let body = #"{"error":{"message":"model 'qwen-test' does not exist","type":"invalid_request_error"}}"#
        let transport = ScriptedTransport([], fallback: .respond(ChatTransportResponse(status: status, text: body)))
        let sleeper = SleepRecorder()
        let client = self.makeClient(transport, sleeper: sleeper)
        let error = await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(await transport.callCount == 1)
        #expect(sleeper.recorded.isEmpty)
        let message = try #require(error).description
        #expect(message.contains("HTTP \(status)"))
        #expect(message.contains("model 'qwen-test' does not exist"))
        #expect(message.contains("not retried"))
    }

    @Test func otherErrorBodyShapesAreQuoted() async throws {
        let shapes: [(String, String)] = [
            (#"{"error":"model not found"}"#, "model not found"),  // Ollama
            (#"{"object":"error","message":"bad n","code":400}"#, "bad n"),  // vLLM
            (#"{"detail":"Not Found"}"#, "Not Found"),  // FastAPI
            ("<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
            ("", "(empty body)"),
        ]
        for (body, expected) in shapes {
            let transport = ScriptedTransport([], fallback: .respond(ChatTransportResponse(status: 404, text: body)))
            let client = self.makeClient(transport)
            let error = await #expect(throws: GenerationError.self) {
                try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
            }
            #expect(try #require(error).description.contains(expected))
        }
    }

    static let malformedBodies: [(String, String)] = [
        ("", "empty body"),
        ("Internal proxy error", "not valid JSON"),
        (#"{"choices":[{"index":0,"message":{"role":"assistant","content":"The answ"#, "not valid JSON"),
        (#"{"object":"chat.completion"}"#, "no choices"),
        (#"{"choices":[]}"#, "empty choices"),
        (#"{"choices":[{"index":0,"message":{"role":"assistant"}}]}"#, "no message.content"),
        (#"{"choices":[{"index":0,"message":{"content":null}}]}"#, "no message.content"),
        (#"{"choices":[{"index":0,"text":"legacy completion"}]}"#, "no message.content"),
        (#"{"error":{"message":"upstream hiccup"}}"#, "upstream hiccup"),
        ("[1, 2, 3]", "not valid JSON"),
    ]

    @Test(arguments: Self.malformedBodies)
    func malformedAnswersAreRetriedThenReported(body: String, expected: String) async throws {
        let transport = ScriptedTransport([], fallback: .respond(ChatTransportResponse(status: 200, text: body)))
        let client = self.makeClient(transport) { $0.maxRetries = 2 }
        let error = await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(await transport.callCount == 3)
        let message = try #require(error).description
        #expect(message.contains(expected))
        #expect(message.contains("gave up after 3 attempts"))
    }

    @Test func malformedAnswerThenGoodAnswerSucceeds() async throws {
        let transport = ScriptedTransport([.respond(ChatTransportResponse(status: 200, text: #"{"choi"#))])
        let response = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U")
        )
        #expect(response.outputs == ["out #0"])
        #expect(await transport.callCount == 2)
    }

    @Test func timeoutsAndConnectionFailuresAreRetried() async throws {
        let transport = ScriptedTransport([
            .fail(.timedOut(after: .seconds(60))), .fail(.connectionFailed("connection refused")),
        ])
        let response = try await self.makeClient(transport).generate(
            GenerationRequest(systemPrompt: "S", userTurn: "U")
        )
        #expect(response.outputs == ["out #0"])
        #expect(await transport.callCount == 3)
    }

    @Test func persistentTimeoutNamesTheTimeout() async throws {
        let transport = ScriptedTransport([], fallback: .fail(.timedOut(after: .milliseconds(200))))
        let client = self.makeClient(transport) { $0.maxRetries = 1 }
        let error = await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(await transport.callCount == 2)
        #expect(try #require(error).description.contains("no complete answer within 0.2 seconds"))
    }

    @Test func oversizedAnswerIsNotRetried() async throws {
        let transport = ScriptedTransport([], fallback: .fail(.responseTooLarge(limit: 1024)))
        let client = self.makeClient(transport)
        await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(await transport.callCount == 1)
    }

    @Test func zeroRetriesMeansOneAttempt() async throws {
        let transport = ScriptedTransport([], fallback: .respond(ChatTransportResponse(status: 502, text: "")))
        let client = self.makeClient(transport) { $0.maxRetries = 0 }
        let error = await #expect(throws: GenerationError.self) {
            try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        }
        #expect(await transport.callCount == 1)
        #expect(try #require(error).description.contains("gave up after 1 attempt)"))
    }

    // MARK: - Validation, cancellation, concurrency

    @Test(arguments: [
        GenerationRequest(systemPrompt: "S", userTurn: "U", n: 0),
        GenerationRequest(systemPrompt: "S", userTurn: "U", temperature: -0.1),
        GenerationRequest(systemPrompt: "S", userTurn: "U", temperature: .nan),
        GenerationRequest(systemPrompt: "S", userTurn: "U", maxTokens: 0),
    ])
    func invalidRequestsAreRejectedWithoutACall(request: GenerationRequest) async throws {
        let transport = ScriptedTransport([])
        let error = await #expect(throws: GenerationError.self) {
            try await self.makeClient(transport).generate(request)
        }
        #expect(try #require(error).isInvalidRequest)
        #expect(await transport.callCount == 0)
    }

    @Test func cancellationDuringBackoffStopsRetrying() async throws {
        let transport = ScriptedTransport([], fallback: .respond(ChatTransportResponse(status: 503, text: "")))
        let client = OpenAIClient(
            configuration: OpenAIClientConfiguration(baseURL: "http://llm.test/v1", model: "m", maxRetries: 100),
            transport: transport,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            sleep: { _ in try await Task.sleep(for: .seconds(30)) },
            random: FixedGenerator()
        )
        let task = Task { try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U")) }
        while await transport.callCount == 0 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await transport.callCount == 1)
    }

    @Test func concurrentCallsShareTheConcurrencyBound() async throws {
        let transport = ScriptedTransport([], latency: .milliseconds(10))
        let client = self.makeClient(transport) { $0.maxConcurrentRequests = 3 }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<12 {
                group.addTask {
                    try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U\(index)")).outputs.count
                }
            }
            var total = 0
            for try await count in group { total += count }
            #expect(total == 12)
        }
        #expect(await transport.maxInFlight <= 3)
        #expect(await transport.callCount == 12)
    }

    // MARK: - Secrets

    @Test func apiKeyNeverAppearsInDescriptionsOrLogs() async throws {
        var configuration = OpenAIClientConfiguration(model: "m", apiKey: "sk-very-secret-key")
        configuration.extraHeaders = ["X-Proxy-Token": "proxy-secret"]
        for text in [
            configuration.description, String(reflecting: configuration), "\(configuration)",
            {
                var out = ""
                dump(configuration, to: &out)
                return out
            }(),
        ] {
            #expect(!text.contains("sk-very-secret-key"))
            #expect(!text.contains("proxy-secret"))
            #expect(text.contains("<redacted>"))
        }

        let (logger, store) = CapturingLogHandler.logger()
        let transport = ScriptedTransport([
            .respond(ChatTransportResponse(status: 500, text: "oops")), .fail(.connectionFailed("reset")),
        ])
        let client = self.makeClient(
            transport,
            configure: { $0.apiKey = "sk-very-secret-key" },
            logger: logger
        )
        _ = try await client.generate(GenerationRequest(systemPrompt: "S", userTurn: "U"))
        let lines = store.all
        #expect(lines.filter { $0.contains("Retrying chat completion") }.count == 2)
        #expect(lines.allSatisfy { !$0.contains("sk-very-secret-key") })
    }
}
