import Foundation
import OpenAIClient
import Testing

/// A ``ChatTransport`` that answers from a script, records what it was sent, and tracks calls in flight.
actor ScriptedTransport: ChatTransport {
    /// One scripted reaction to a request.
    enum Step: Sendable {
        /// Answer with this response.
        case respond(ChatTransportResponse)
        /// Fail with this transport error.
        case fail(ChatTransportError)
        /// Answer 200 with one choice per requested output (or `choices` of them), texts `"<tag> #i"`.
        case complete(tag: String = "out", choices: Int? = nil, promptTokens: Int = 10, completionTokens: Int = 5)
        /// Refuse calls asking for `n > 1` with this status and error message; answer others like `.complete()`.
        case refuseSeveral(status: Int, message: String)
    }

    private var steps: [Step]
    private let fallback: Step
    private let latency: Duration
    private(set) var requests: [ChatTransportRequest] = []
    private(set) var timeouts: [Duration] = []
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0

    /// Steps are used in order; once they run out, every call gets `fallback`.
    init(_ steps: [Step], fallback: Step = .complete(), latency: Duration = .zero) {
        self.steps = steps
        self.fallback = fallback
        self.latency = latency
    }

    var callCount: Int { self.requests.count }

    /// The JSON bodies received, decoded as objects.
    nonisolated var bodies: [[String: Any]] {
        get async throws {
            try await self.requests.map { request in
                try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            }
        }
    }

    func send(_ request: ChatTransportRequest, timeout: Duration) async throws -> ChatTransportResponse {
        self.requests.append(request)
        self.timeouts.append(timeout)
        self.inFlight += 1
        self.maxInFlight = max(self.maxInFlight, self.inFlight)
        defer { self.inFlight -= 1 }
        let step = self.steps.isEmpty ? self.fallback : self.steps.removeFirst()
        if self.latency > .zero {
            try await Task.sleep(for: self.latency)
        }
        let asked = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["n"] as? Int
        switch step {
        case .respond(let response):
            return response
        case .fail(let error):
            throw error
        case .complete(let tag, let choices, let promptTokens, let completionTokens):
            let count = choices ?? asked ?? 1
            return .completion(
                (0..<count).map { "\(tag) #\($0)" },
                promptTokens: promptTokens,
                completionTokens: completionTokens
            )
        case .refuseSeveral(let status, let message):
            guard (asked ?? 1) > 1 else { return .completion(["one"]) }
            let body = #"{"error":{"code":\#(status),"message":"\#(message)","type":"server_error"}}"#
            return ChatTransportResponse(status: status, text: body)
        }
    }
}

extension ChatTransportResponse {
    /// A 200 chat-completions answer with these texts as choices and this usage.
    static func completion(_ texts: [String], promptTokens: Int = 10, completionTokens: Int = 5) -> Self {
        let choices: [[String: Any]] = texts.enumerated().map { index, text in
            ["index": index, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]
        }
        let object: [String: Any] = [
            "id": "chatcmpl-test", "object": "chat.completion", "model": "served-name", "choices": choices,
            "usage": [
                "prompt_tokens": promptTokens, "completion_tokens": completionTokens,
                "total_tokens": promptTokens + completionTokens,
            ],
        ]
        // Serialising a literal of strings and numbers cannot fail.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return ChatTransportResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(data))
    }
}
