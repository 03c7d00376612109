import Foundation

/// Settings of an ``OpenAIClient``: where the OpenAI-compatible endpoint is, which model to ask, and how patiently.
///
/// ``init(baseURL:model:reader:)`` reads these keys, with this type's defaults for absent ones (the environment
/// names are the CLI's, e.g. `KAIZEN_LLM_BASE_URL` for `llm.baseURL`; the CLI reads the URL and model itself, as its
/// options may override them):
///
/// | key                    | type             | field                     |
/// |------------------------|------------------|---------------------------|
/// | `llm.baseURL`          | string           | ``baseURL``               |
/// | `llm.model`            | string           | ``model``                 |
/// | `llm.apiKey` (secret)  | string           | ``apiKey``                |
/// | `llm.timeout`          | number (seconds) | ``requestTimeout``        |
/// | `llm.timeoutPerToken`  | number (seconds) | ``timeoutPerToken``       |
/// | `llm.maxConcurrency`   | int              | ``maxConcurrentRequests`` |
/// | `llm.maxRetries`       | int              | ``maxRetries``            |
/// | `llm.endpointCooldown` | number (seconds) | ``endpointCooldown``      |
///
/// The API key is a secret: ``description``, ``debugDescription`` and the mirror (`dump`) show `<redacted>` in its
/// place, and the client never logs it.
package struct OpenAIClientConfiguration: Sendable, Hashable {
    /// The API root, ending in the version segment; the client posts to `{baseURL}/chat/completions`.
    /// A trailing `/` is ignored. Several replicas of one model are given as a comma-separated list
    /// (`http://gpu1:8000/v1,http://gpu2:8000/v1`); the client spreads its calls over them (see ``OpenAIClient``).
    /// Default `http://127.0.0.1:8000/v1` (vLLM's default port).
    package var baseURL: String
    /// The model name sent in each request and reported in each response, exactly as the server serves it.
    /// Default `default`.
    package var model: String
    /// A key sent as `Authorization: Bearer <key>`, or `nil` to send no `Authorization` header. Never logged or
    /// printed. Default `nil`.
    package var apiKey: String?
    /// The fixed part of how long one HTTP call may take, from sending the request to the last byte of the
    /// answer; a call that takes longer is abandoned and counts as a (retryable) timeout. A call that names
    /// `max_tokens` gets ``timeoutPerToken`` more for every token it may generate (see
    /// ``timeout(maxTokens:choices:)``); one without `max_tokens` gets this alone. Default 60 s.
    package var requestTimeout: Duration
    /// The extra time one call may take for each token it may generate (`max_tokens` × the outputs asked for in
    /// the call), so that a long answer from a slow model is not abandoned by a fixed timeout. The default, 0.5 s,
    /// lets a call run at 2 tokens per second (a small model on two busy CPU cores) before timing out; 0 turns the
    /// allowance off. Default 0.5 s.
    package var timeoutPerToken: Duration
    /// The most HTTP calls one client has in flight at once on one endpoint (replica), across all concurrent
    /// `generate` calls; further calls wait in FIFO order. At least 1 (a programmer error otherwise). Default 8.
    package var maxConcurrentRequests: Int
    /// How many times one HTTP call is retried after a retryable failure (timeout, connection error, 408, 429, 5xx,
    /// malformed 2xx answer) before the client gives up; 0 disables retries. Default 4 (so at most 5 attempts).
    package var maxRetries: Int
    /// The backoff ceiling before the first retry; the ceiling doubles with every further retry and the actual wait
    /// is drawn uniformly below it ("full jitter"). Default 0.5 s.
    package var initialBackoff: Duration
    /// The largest backoff ceiling, whatever the attempt number. Default 20 s.
    package var maxBackoff: Duration
    /// The longest wait a server's `Retry-After` header is allowed to impose; a longer one is cut to this.
    /// Separate from ``maxBackoff`` because a rate-limited server usually knows better than our backoff.
    /// Default 60 s.
    package var maxRetryAfter: Duration
    /// The largest answer body accepted, in bytes; a larger one fails without retry. Default 16 MiB.
    package var maxResponseBytes: Int
    /// The most outputs asked for in one call (`n`), or `nil` for no limit; a request for more is split into
    /// several calls. Set 1 for servers that reject `n > 1` (llama.cpp's `llama-server`) to skip the probe the
    /// client otherwise makes (see ``OpenAIClient``). Default `nil`.
    package var maxChoicesPerRequest: Int?
    /// Extra request headers (e.g. `OpenAI-Organization`, a proxy's routing header). `Content-Type` and, when
    /// ``apiKey`` is set, `Authorization` replace a header of the same name given here. Default empty.
    package var extraHeaders: [String: String]
    /// How long a replica whose call failed (no connection, timeout, 408, 429, 5xx, malformed answer) is skipped
    /// while another replica is available. Only matters with several replicas in ``baseURL``. Default 15 s.
    package var endpointCooldown: Duration

    /// Creates a configuration; every field has a default.
    package init(
        baseURL: String = "http://127.0.0.1:8000/v1",
        model: String = "default",
        apiKey: String? = nil,
        requestTimeout: Duration = .seconds(60),
        timeoutPerToken: Duration = .milliseconds(500),
        maxConcurrentRequests: Int = 8,
        maxRetries: Int = 4,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(60),
        maxResponseBytes: Int = 16 << 20,
        maxChoicesPerRequest: Int? = nil,
        extraHeaders: [String: String] = [:],
        endpointCooldown: Duration = .seconds(15)
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.timeoutPerToken = timeoutPerToken
        self.maxConcurrentRequests = maxConcurrentRequests
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.maxResponseBytes = maxResponseBytes
        self.maxChoicesPerRequest = maxChoicesPerRequest
        self.extraHeaders = extraHeaders
        self.endpointCooldown = endpointCooldown
    }

    /// The URL the client posts to: the first of ``chatCompletionsURLs``.
    package var chatCompletionsURL: String { self.chatCompletionsURLs[0] }

    /// The URLs the client posts to, one per replica in ``baseURL``: each without spaces and trailing slashes, then
    /// `/chat/completions`. Never empty (an empty ``baseURL`` gives one URL, which fails as the server would).
    package var chatCompletionsURLs: [String] {
        let bases = self.baseURL.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return (bases.isEmpty ? [self.baseURL] : bases).map { base in
            var base = Substring(base)
            while base.hasSuffix("/") { base = base.dropLast() }
            return base + "/chat/completions"
        }
    }

    /// How long one call may take: ``requestTimeout`` plus ``timeoutPerToken`` for every token the call may
    /// generate (`maxTokens × choices`), or ``requestTimeout`` alone when the call sets no `maxTokens`.
    ///
    /// For example, with the defaults a call asking for one 512-token answer may take 60 + 512 × 0.5 = 316 s; a
    /// call for four 64-token answers, 60 + 256 × 0.5 = 188 s.
    package func timeout(maxTokens: Int?, choices: Int) -> Duration {
        guard let maxTokens, maxTokens > 0, self.timeoutPerToken > .zero else { return self.requestTimeout }
        return self.requestTimeout + self.timeoutPerToken * (maxTokens * max(choices, 1))
    }

    /// The retry schedule these settings describe.
    package var retryPolicy: RetryPolicy {
        RetryPolicy(
            maxRetries: self.maxRetries,
            initialBackoff: self.initialBackoff,
            maxBackoff: self.maxBackoff,
            maxRetryAfter: self.maxRetryAfter
        )
    }
}

extension OpenAIClientConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A one-line summary with the API key (and extra header values, which may hold credentials) redacted.
    package var description: String {
        let key = self.apiKey == nil ? "nil" : "<redacted>"
        let headers = self.extraHeaders.keys.sorted().map { "\($0): <redacted>" }.joined(separator: ", ")
        return "OpenAIClientConfiguration(baseURL: \(self.baseURL), model: \(self.model), apiKey: \(key), "
            + "requestTimeout: \(self.requestTimeout), timeoutPerToken: \(self.timeoutPerToken), "
            + "maxConcurrentRequests: \(self.maxConcurrentRequests), "
            + "maxRetries: \(self.maxRetries), initialBackoff: \(self.initialBackoff), "
            + "maxBackoff: \(self.maxBackoff), maxRetryAfter: \(self.maxRetryAfter), "
            + "maxResponseBytes: \(self.maxResponseBytes), "
            + "maxChoicesPerRequest: \(self.maxChoicesPerRequest.map(String.init) ?? "nil"), "
            + "extraHeaders: [\(headers)], endpointCooldown: \(self.endpointCooldown))"
    }

    /// The same as ``description``, so `String(reflecting:)` and `debugPrint` do not reveal the key either.
    package var debugDescription: String { self.description }

    /// A mirror without secrets, so `dump` does not reveal the key either.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "baseURL": self.baseURL,
                "model": self.model,
                "apiKey": self.apiKey == nil ? "nil" : "<redacted>",
                "requestTimeout": self.requestTimeout,
                "timeoutPerToken": self.timeoutPerToken,
                "maxConcurrentRequests": self.maxConcurrentRequests,
                "maxRetries": self.maxRetries,
                "initialBackoff": self.initialBackoff,
                "maxBackoff": self.maxBackoff,
                "maxRetryAfter": self.maxRetryAfter,
                "maxResponseBytes": self.maxResponseBytes,
                "maxChoicesPerRequest": self.maxChoicesPerRequest as Any,
                "extraHeaders": self.extraHeaders.keys.sorted(),
                "endpointCooldown": self.endpointCooldown,
            ],
            displayStyle: .struct
        )
    }
}
