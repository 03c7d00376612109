import Foundation
import LanguageModels
import Logging

/// What ``OpenAIClient/probe(timeout:)`` found out about an endpoint that answered.
package struct ProbeResult: Sendable, Hashable {
    /// The model the server says answered (the answer's `model` field), or `nil` when it says nothing. It can differ
    /// from the configured name: llama.cpp's `llama-server` serves its one model (under its `--alias`) whatever
    /// name a request gives, so a mismatch there is a warning, not a failure.
    package var servedModel: String?
    /// How long the call took, request to last byte.
    package var latency: Duration
    /// The tokens the call used (also added to ``OpenAIClient/usage``).
    package var usage: TokenUsage

    /// Creates a result.
    package init(servedModel: String?, latency: Duration, usage: TokenUsage) {
        self.servedModel = servedModel
        self.latency = latency
        self.usage = usage
    }
}

extension OpenAIClient {
    /// Checks, with one cheap call and no retries, that the endpoint answers chat completions for the configured
    /// model: one output of at most one token at temperature 0, with a one-word user turn.
    ///
    /// Call it once at the start of a run, before any long work: a server that is down, a wrong base URL, a
    /// refused key or a model the server does not know then fails in seconds with a message that says which,
    /// instead of after every generation's retries and timeouts.
    ///
    /// A refused connection is reported at once only when the HTTP client does not itself keep retrying the
    /// connection (``OpenAIClient/makeHTTPClient()`` does not; `HTTPClient.shared` does, until `timeout`).
    ///
    /// With several replicas each is probed in turn: one that fails is logged (at `warning`) and cools down, so
    /// calls go to the others; the probe fails only when every replica fails.
    ///
    /// - Parameter timeout: how long the call may take. Default ``OpenAIClientConfiguration/requestTimeout`` plus
    ///   one token's allowance.
    /// - Returns: the model the first replica that answered reports, that call's latency and its tokens.
    /// - Throws: ``GenerationError/backend(_:)`` with a message naming the endpoint and what went wrong (nothing
    ///   listening, no answer in time, key refused, unknown model or path, an answer that is not a chat completion);
    ///   with several replicas, the first replica's failure and how many failed; `CancellationError` when the task
    ///   is cancelled.
    package func probe(timeout: Duration? = nil) async throws -> ProbeResult {
        var answered: ProbeResult?
        var failures: [String] = []
        for index in self.balancer.endpoints.indices {
            do {
                let result = try await self.probe(self.balancer.endpoints[index].url, timeout: timeout)
                answered = answered ?? result
            } catch let error as GenerationError {
                if Task.isCancelled { throw CancellationError() }
                self.balancer.markFailed(index)
                failures.append(error.reason)
            }
        }
        if let answered {
            for failure in failures {
                self.logger.warning(
                    "A model replica failed its probe; calls skip it for now", metadata: ["llm.reason": "\(failure)"])
            }
            return answered
        }
        let count = self.balancer.endpoints.count
        throw GenerationError.backend(failures[0] + (count > 1 ? " (all \(count) replicas failed)" : ""))
    }

    /// ``probe(timeout:)`` of the replica at `endpoint`.
    private func probe(_ endpoint: String, timeout: Duration?) async throws -> ProbeResult {
        let request = GenerationRequest(systemPrompt: "", userTurn: "Hi", n: 1, temperature: 0, maxTokens: 1)
        let body = ChatCompletionRequestBody(model: self.configuration.model, request: request, n: 1, seed: nil)
        var transportRequest = try self.transportRequest(for: body)
        transportRequest.url = endpoint
        let limit = timeout ?? self.configuration.timeout(maxTokens: 1, choices: 1)
        let model = self.configuration.model
        let clock = ContinuousClock()
        let start = clock.now
        let response: ChatTransportResponse
        do {
            response = try await self.transport.send(transportRequest, timeout: limit)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            let detail: String
            switch error {
            case let error as ChatTransportError where error.isTimeout:
                detail =
                    "no answer to a one-token request within \(limit): the server is down, overloaded or still "
                    + "loading the model"
            case let error as ChatTransportError:
                detail = "\(error); is a server running there?"
            case is CancellationError:
                detail = "the transport gave up on the call"
            default:
                detail = "connection failed: \(error); is a server running there?"
            }
            throw GenerationError.backend("probe of \(endpoint) failed: \(detail)")
        }
        let latency = clock.now - start
        guard (200..<300).contains(response.status) else {
            let message = ServerErrorMessage.extract(from: response.body) ?? ChatCompletionAnswer.excerpt(response.body)
            let hint: String
            switch response.status {
            case 401, 403: hint = "the server refused the API key (llm.apiKey)"
            case 404:
                hint =
                    "the server does not know model '\(model)' (llm.model) or has no chat completions at this base URL"
            case 400, 422: hint = "the server rejected a minimal chat completion request for model '\(model)'"
            case 503: hint = "the server is not ready (still loading the model?)"
            default: hint = "the server failed a minimal chat completion request"
            }
            throw GenerationError.backend(
                "probe of \(endpoint) failed: \(hint): HTTP \(response.status): \(message)"
            )
        }
        let answer: ChatCompletionAnswer
        do {
            answer = try ChatCompletionAnswer.parse(response.body)
        } catch {
            throw GenerationError.backend(
                "probe of \(endpoint) failed: the answer is not an OpenAI-compatible chat completion: \(error)"
            )
        }
        self.record(answer.usage)
        return ProbeResult(servedModel: answer.model, latency: latency, usage: answer.usage)
    }
}
