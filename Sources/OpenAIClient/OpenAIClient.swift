import AsyncHTTPClient
import Foundation
import LanguageModels
import Logging
import NIOCore
import Synchronization

/// A ``LanguageModel`` backed by an OpenAI-compatible Chat Completions endpoint (vLLM, llama.cpp's `llama-server`,
/// Ollama, hosted APIs): `POST {baseURL}/chat/completions`.
///
/// Each `generate` sends the system prompt and the user turn (with the context in a delimited block, see
/// `Docs/models.md`), asks for `n` outputs with the request's temperature, `max_tokens` and seed, and returns the
/// choices' texts with `simulated == false` and `model ==` the model the server says answered (its answer's `model`
/// field; the configured name when the server gives none), so provenance names what really answered, not what was
/// asked for. The request's `reference` (the gold answer) is never sent.
///
/// - **Fewer choices than asked.** Many local servers ignore `n > 1` and answer with one choice. The client then
///   asks again for the outputs still missing until it has `n` (extra choices are dropped). A seeded request's
///   follow-up calls use `seed + outputs collected so far`, so a server that honours seeds does not repeat itself.
///   Some servers refuse `n > 1` outright (llama.cpp: "Only one completion choice is allowed", as a 400 or a
///   500 depending on the version): when a call asking for several outputs fails with a status other than 408 or
///   429 whose error message mentions "choice" or the parameter `n` as a word, the client switches, for the rest
///   of its life, to one output per call and asks again at once (no backoff, not counted as a retry).
///   ``OpenAIClientConfiguration/maxChoicesPerRequest`` = 1 skips that probe.
/// - **Bounded concurrency.** At most ``OpenAIClientConfiguration/maxConcurrentRequests`` HTTP calls are in flight
///   on one endpoint across all concurrent `generate` calls of one instance; the rest wait in FIFO order
///   (``AsyncSemaphore``). A permit is held only during an HTTP call, never during a backoff wait.
/// - **Replicas.** With several base URLs (comma-separated in ``OpenAIClientConfiguration/baseURL``) each call goes
///   to the least-loaded replica that is not cooling down after a failure (``EndpointBalancer``), and a retry after
///   a replica's failure goes to another replica at once, without the backoff wait, when one is available.
/// - **Retries.** Timeouts, connection failures, 408, 429, 5xx and malformed 2xx answers (not JSON, truncated,
///   no `choices`, a choice without `message.content`, an empty body; often a proxy's transient fault) are retried
///   up to ``OpenAIClientConfiguration/maxRetries`` times per HTTP call, after a wait given by ``RetryPolicy``:
///   the server's `Retry-After` (seconds or HTTP-date, cut to `maxRetryAfter`) when present, else full-jitter
///   exponential backoff. Other 4xx statuses fail at once with the status and the server's message.
/// - **Timeouts that fit the call.** A call may take ``OpenAIClientConfiguration/requestTimeout`` plus
///   ``OpenAIClientConfiguration/timeoutPerToken`` for each token it may generate (`max_tokens` × outputs), so a
///   long answer from a slow model is not abandoned by a fixed limit
///   (``OpenAIClientConfiguration/timeout(maxTokens:choices:)``).
/// - **A first check.** ``probe(timeout:)`` makes one cheap call without retries, for the start of a run.
/// - **Token accounting.** ``usage`` totals the `usage` objects of every answer this instance received.
///
/// Time and randomness are injected: tests pass a sleep that returns at once and a fixed random source.
package final class OpenAIClient: LanguageModel {
    /// The settings this client was made with.
    package let configuration: OpenAIClientConfiguration
    /// What carries the requests (internal for ``probe(timeout:)``).
    let transport: any ChatTransport
    /// The replicas and their concurrency bounds (one replica unless ``OpenAIClientConfiguration/baseURL`` lists
    /// several).
    let balancer: EndpointBalancer
    /// Where retries, calls and failed probes are logged (internal for ``probe(timeout:)``).
    let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private let now: @Sendable () -> Date
    private let random: Mutex<any RandomNumberGenerator & Sendable>
    private let totals: Mutex<TokenUsage>
    /// Set once the server has refused `n > 1`: from then on every call asks for one output.
    private let singleChoice: Mutex<Bool>
    /// The headers of every request (internal for ``probe(timeout:)``).
    let requestHeaders: [String: String]

    /// The configured model name, reported in every response.
    package var name: String { self.configuration.model }

    /// Tokens used by every answer this client has received so far (including the answers of `generate` calls
    /// that later failed, since those tokens were spent too).
    package var usage: TokenUsage { self.totals.withLock { $0 } }

    /// Creates a client over any transport.
    ///
    /// - Parameters:
    ///   - configuration: endpoint, model, key, timeouts, concurrency and retry settings.
    ///   - transport: what carries the requests; ``HTTPClientTransport`` for real servers.
    ///   - logger: where retries are logged (at `info`) and calls (at `debug`); the API key never is.
    ///   - sleep: how a backoff wait is spent. Default `Task.sleep(for:)`; tests pass one that returns at once.
    ///   - random: the jitter source. Default the system generator; pass a seeded one (e.g. `SplitMix64`) for a
    ///     reproducible schedule.
    ///   - now: the current time, to read `Retry-After` dates. Default `Date()`.
    /// - Precondition: `configuration.maxConcurrentRequests >= 1` (a programmer error otherwise).
    package init(
        configuration: OpenAIClientConfiguration,
        transport: any ChatTransport,
        logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        precondition(configuration.maxConcurrentRequests >= 1, "maxConcurrentRequests must be at least 1")
        self.configuration = configuration
        self.transport = transport
        self.balancer = EndpointBalancer(
            urls: configuration.chatCompletionsURLs, permits: configuration.maxConcurrentRequests,
            cooldown: configuration.endpointCooldown)
        self.logger = logger
        self.sleep = sleep
        self.now = now
        self.random = Mutex(random)
        self.totals = Mutex(TokenUsage())
        self.singleChoice = Mutex(false)
        self.requestHeaders = Self.headers(for: configuration)
    }

    /// Creates a client that talks HTTP through AsyncHTTPClient.
    ///
    /// - Parameters:
    ///   - configuration: endpoint, model, key, timeouts, concurrency and retry settings.
    ///   - httpClient: the HTTP client. Default ``sharedHTTPClient`` (no shutdown needed); a client you pass is
    ///     yours to shut down.
    ///   - logger: where retries and calls are logged.
    package convenience init(
        configuration: OpenAIClientConfiguration,
        httpClient: HTTPClient = OpenAIClient.sharedHTTPClient,
        logger: Logger
    ) {
        self.init(
            configuration: configuration,
            transport: HTTPClientTransport(client: httpClient, maxResponseBytes: configuration.maxResponseBytes),
            logger: logger
        )
    }

    /// An HTTP client suited to this client: a refused connection fails the call at once (so that this client's
    /// own retries and backoff apply, and ``probe(timeout:)`` reports a server that is down in milliseconds),
    /// where `HTTPClient.shared` keeps reconnecting until the call's deadline, which can be minutes; and up to 64
    /// connections per host, so that the concurrency bound (``OpenAIClientConfiguration/maxConcurrentRequests``)
    /// rather than the pool (8 in `HTTPClient.shared`) limits the calls in flight. The caller shuts it down.
    package static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// One ``makeHTTPClient()`` for the process, the default of ``init(configuration:httpClient:logger:)``; it lives
    /// as long as the process and is never shut down.
    package static let sharedHTTPClient: HTTPClient = makeHTTPClient()

    /// Samples `request.n` outputs from the endpoint.
    ///
    /// - Throws: ``GenerationError/invalidRequest(_:)`` for `n < 1`, a negative or non-finite temperature or
    ///   `maxTokens < 1`; ``GenerationError/backend(_:)`` when a call fails for good (the message names the
    ///   status and the server's message, or the transport or parsing problem, and the attempts made);
    ///   `CancellationError` when the task is cancelled.
    /// - Returns: `request.n` outputs in order, the tokens of all calls made for them, `model` = the model id the
    ///   server reported (else the configured name) and `simulated == false`.
    package func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        try Self.validate(request)
        var outputs: [String] = []
        var finishReasons: [FinishReason?] = []
        var usage = TokenUsage()
        var servedBy: String?
        while outputs.count < request.n {
            try Task.checkCancellation()
            let missing = request.n - outputs.count
            let perCall = self.configuration.maxChoicesPerRequest ?? missing
            let limit = self.singleChoice.withLock { $0 } ? 1 : max(perCall, 1)
            let wanted = min(missing, limit)
            let body = ChatCompletionRequestBody(
                model: self.configuration.model,
                request: request,
                n: wanted,
                seed: ChatCompletionRequestBody.wireSeed(request.seed, offset: outputs.count)
            )
            let answer: ChatCompletionAnswer
            do {
                answer = try await self.complete(body)
            } catch let rejection as ChoicesRejected {
                self.singleChoice.withLock { $0 = true }
                self.logger.info(
                    "Server refused several choices per call; asking for one at a time",
                    metadata: ["llm.model": "\(self.configuration.model)", "llm.reason": "\(rejection.message)"]
                )
                continue
            }
            if answer.outputs.count < wanted {
                self.logger.debug(
                    "Chat completion returned fewer choices than asked",
                    metadata: ["llm.asked": "\(wanted)", "llm.received": "\(answer.outputs.count)"]
                )
            }
            outputs.append(contentsOf: answer.outputs.prefix(wanted))
            finishReasons.append(contentsOf: answer.finishReasons.prefix(wanted))
            usage = usage + answer.usage
            servedBy = servedBy ?? answer.model.flatMap { $0.isEmpty ? nil : $0 }
        }
        return GenerationResponse(
            outputs: outputs, usage: usage, model: servedBy ?? self.configuration.model, simulated: false,
            finishReasons: finishReasons.contains { $0 != nil } ? finishReasons : [])
    }

    // MARK: - One call with retries

    /// The HTTP request for `body`: its JSON (keys sorted) posted to the (first) chat completions URL with the
    /// headers.
    ///
    /// - Throws: ``GenerationError/invalidRequest(_:)`` when the body cannot be encoded.
    func transportRequest(for body: ChatCompletionRequestBody) throws -> ChatTransportRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return ChatTransportRequest(
                url: self.configuration.chatCompletionsURL,
                headers: self.requestHeaders,
                body: Array(try encoder.encode(body))
            )
        } catch {
            throw GenerationError.invalidRequest("the request cannot be encoded as JSON: \(error)")
        }
    }

    /// Sends `body` until it gets a readable answer or the retries run out.
    private func complete(_ body: ChatCompletionRequestBody) async throws -> ChatCompletionAnswer {
        let request = try self.transportRequest(for: body)
        let policy = self.configuration.retryPolicy
        let timeout = self.configuration.timeout(maxTokens: body.maxTokens, choices: body.n)
        var retries = 0
        while true {
            try Task.checkCancellation()
            let endpoint = self.balancer.choose()
            let call = ChatTransportRequest(
                url: self.balancer.endpoints[endpoint].url, headers: request.headers, body: request.body)
            let outcome: AttemptOutcome
            do {
                outcome = try await self.balancer.endpoints[endpoint].semaphore.withPermit {
                    try await self.attempt(call, choices: body.n, timeout: timeout)
                }
            } catch {
                self.balancer.finish(endpoint, healthy: true)
                throw error
            }
            if case .retryable = outcome {
                self.balancer.finish(endpoint, healthy: false)
            } else {
                self.balancer.finish(endpoint, healthy: true)
            }
            let reason: String
            let retryAfter: Duration?
            switch outcome {
            case .answer(let answer):
                self.record(answer.usage)
                return answer
            case .fatal(let message):
                throw GenerationError.backend(message + " (not retried)")
            case .choicesRejected(let message):
                throw ChoicesRejected(message: message)
            case .retryable(let message, let after):
                reason = message
                retryAfter = after
            }
            let unit = self.random.withLock { generator in Double(generator.next() >> 11) * 0x1p-53 }
            guard let delay = policy.delay(afterRetries: retries, retryAfter: retryAfter, unit: unit) else {
                throw GenerationError.backend(reason + Self.gaveUp(afterAttempts: retries + 1))
            }
            // Another replica can take the retry now; the wait is for a server that needs time.
            let failingOver = self.balancer.hasAlternative(to: endpoint)
            self.logger.info(
                "Retrying chat completion",
                metadata: [
                    "llm.model": "\(self.configuration.model)",
                    "llm.url": "\(call.url)",
                    "llm.retry": "\(retries + 1)",
                    "llm.delay_ms": "\(failingOver ? 0 : Self.milliseconds(delay))",
                    "llm.reason": "\(reason)",
                ]
            )
            if !failingOver { try await self.sleep(delay) }
            retries += 1
        }
    }

    /// One HTTP call asking for `choices` outputs within `timeout`, classified; throws only `CancellationError`.
    private func attempt(
        _ request: ChatTransportRequest,
        choices: Int,
        timeout: Duration
    ) async throws -> AttemptOutcome {
        self.logger.debug("Sending chat completion", metadata: ["llm.url": "\(request.url)"])
        let response: ChatTransportResponse
        do {
            response = try await self.transport.send(request, timeout: timeout)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            switch error {
            case let error as ChatTransportError:
                return error.isRetryable ? .retryable(error.description, retryAfter: nil) : .fatal(error.description)
            case is CancellationError:
                // A transport that gave up on its own (this task was not cancelled): treat it like a timeout.
                return .retryable("the transport gave up on the call", retryAfter: nil)
            default:
                return .retryable("connection failed: \(error)", retryAfter: nil)
            }
        }
        guard (200..<300).contains(response.status) else {
            let message = Self.statusMessage(response)
            if choices > 1, response.status != 408, response.status != 429,
                let serverMessage = ServerErrorMessage.extract(from: response.body),
                Self.mentionsChoiceCount(serverMessage)
            {
                return .choicesRejected(message)
            }
            guard RetryPolicy.isRetryable(status: response.status) else { return .fatal(message) }
            let retryAfter = response.header("retry-after").flatMap { RetryAfter.delay($0, now: self.now()) }
            return .retryable(message, retryAfter: retryAfter)
        }
        do {
            return .answer(try ChatCompletionAnswer.parse(response.body))
        } catch {
            return .retryable(error.description, retryAfter: nil)
        }
    }

    // MARK: - Helpers

    /// Adds `usage` to the running total ``usage``.
    func record(_ usage: TokenUsage) {
        self.totals.withLock { $0 = $0 + usage }
    }

    /// Thrown by `complete` when the server refused `n > 1`; `generate` switches to one choice per call.
    private struct ChoicesRejected: Error {
        let message: String
    }

    /// Whether a server's error message is about the number of choices: it mentions "choice", or `n` as a word
    /// (`'n'`, `"n"`, "n must be ...").
    private static func mentionsChoiceCount(_ message: String) -> Bool {
        let lowered = message.lowercased()
        if lowered.contains("choice") { return true }
        return lowered.split { !($0.isLetter || $0.isNumber || $0 == "_") }.contains("n")
    }

    /// Rejects requests no server should see.
    private static func validate(_ request: GenerationRequest) throws {
        guard request.n >= 1 else { throw GenerationError.invalidRequest("n must be at least 1, got \(request.n)") }
        guard request.temperature.isFinite, request.temperature >= 0 else {
            throw GenerationError.invalidRequest(
                "temperature must be finite and at least 0, got \(request.temperature)"
            )
        }
        if let maxTokens = request.maxTokens, maxTokens < 1 {
            throw GenerationError.invalidRequest("maxTokens must be at least 1, got \(maxTokens)")
        }
    }

    /// The request headers: the extra headers, then `Content-Type`, `Accept` and `Authorization` over any of the
    /// same name.
    private static func headers(for configuration: OpenAIClientConfiguration) -> [String: String] {
        var fixed = ["Content-Type": "application/json", "Accept": "application/json"]
        if let key = configuration.apiKey {
            fixed["Authorization"] = "Bearer \(key)"
        }
        let replaced = Set(fixed.keys.map { $0.lowercased() })
        var headers = configuration.extraHeaders.filter { !replaced.contains($0.key.lowercased()) }
        headers.merge(fixed) { _, new in new }
        return headers
    }

    /// "the server answered HTTP 400: <its message>" for a non-2xx answer.
    private static func statusMessage(_ response: ChatTransportResponse) -> String {
        let detail: String
        if let message = ServerErrorMessage.extract(from: response.body) {
            detail = message
        } else if response.body.isEmpty {
            detail = "(empty body)"
        } else {
            detail = "body starts " + ChatCompletionAnswer.excerpt(response.body)
        }
        return "the server answered HTTP \(response.status): \(detail)"
    }

    /// " (gave up after 1 attempt)" / " (gave up after 5 attempts)".
    private static func gaveUp(afterAttempts count: Int) -> String {
        " (gave up after \(count) attempt\(count == 1 ? "" : "s"))"
    }

    /// A duration in whole milliseconds, for log metadata.
    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
