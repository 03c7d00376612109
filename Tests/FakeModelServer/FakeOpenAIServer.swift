import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A fake OpenAI-compatible upstream: `POST /v1/chat/completions` answers from a per-test script, and counts calls
/// and the calls in flight.
package actor FakeOpenAIServer {
    /// How the server reacts to one call.
    package enum Behaviour: Sendable {
        /// A normal answer after `delay`: one choice per requested output, or `maxChoices` at most (a server that
        /// ignores `n`).
        case complete(delay: Duration = .zero, maxChoices: Int? = nil)
        /// This status, body and headers.
        case status(Int, body: String, headers: [String: String] = [:])
        /// 200 with this body, whatever it is.
        case raw(String)
        /// 200 with a chunked body that stops after `prefix` and drops the connection.
        case cutOff(prefix: String)
        /// Like llama.cpp's `llama-server`: 500 "Only one completion choice is allowed" when `n != 1`.
        case onlyOneChoice
    }

    private var script: [Behaviour]
    private let fallback: Behaviour
    package private(set) var calls = 0
    package private(set) var maxInFlight = 0
    package private(set) var authorizations: [String?] = []
    private var inFlight = 0

    /// Behaviours are used in order; once they run out, every call gets `fallback`.
    package init(_ script: [Behaviour], fallback: Behaviour = .complete()) {
        self.script = script
        self.fallback = fallback
    }

    private func begin(authorization: String?) -> Behaviour {
        self.calls += 1
        self.authorizations.append(authorization)
        self.inFlight += 1
        self.maxInFlight = max(self.maxInFlight, self.inFlight)
        return self.script.isEmpty ? self.fallback : self.script.removeFirst()
    }

    private func end() {
        self.inFlight -= 1
    }

    /// Runs the server, calls `body` with the base URL (`http://localhost:<port>/v1`), then stops the server.
    package func run<Value: Sendable>(_ body: @escaping @Sendable (String) async throws -> Value) async throws -> Value
    {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            var request = request
            let bytes = try await request.collectBody(upTo: 1 << 20)
            let behaviour = await self.begin(authorization: request.headers[.authorization])
            do {
                let response = try await Self.respond(to: Array(bytes.readableBytesView), with: behaviour)
                await self.end()
                return response
            } catch {
                await self.end()
                throw error
            }
        }
        let app = Application(router: router, logger: Logger(label: "fake-llm") { _ in SwiftLogNoOpLogHandler() })
        return try await app.test(.live) { client in
            guard let port = client.port else { throw FakeServerError.noPort }
            return try await body("http://localhost:\(port)/v1")
        }
    }

    private static func respond(to body: [UInt8], with behaviour: Behaviour) async throws -> Response {
        switch behaviour {
        case .complete(let delay, let maxChoices):
            if delay > .zero { try await Task.sleep(for: delay) }
            let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            let asked = object?["n"] as? Int ?? 1
            let count = min(asked, maxChoices ?? asked)
            let messages = object?["messages"] as? [[String: String]] ?? []
            let user = messages.last?["content"] ?? ""
            let choices = (0..<count).map { index in
                #"{"index":\#(index),"message":{"role":"assistant","#
                    + #""content":"answer \#(index) to \#(user.count) chars"},"finish_reason":"stop"}"#
            }
            let text =
                #"{"id":"x","object":"chat.completion","choices":[\#(choices.joined(separator: ","))],"#
                + #""usage":{"prompt_tokens":11,"completion_tokens":\#(4 * count),"total_tokens":\#(11 + 4 * count)}}"#
            return Self.text(text, status: .ok)
        case .status(let code, let text, let headers):
            var response = Self.text(text, status: HTTPResponse.Status(code: code))
            for (name, value) in headers {
                if let field = HTTPField.Name(name) { response.headers[field] = value }
            }
            return response
        case .raw(let text):
            return Self.text(text, status: .ok)
        case .onlyOneChoice:
            let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            guard object?["n"] as? Int ?? 1 == 1 else {
                let error =
                    #"{"error":{"code":500,"message":"Only one completion choice is allowed","type":"server_error"}}"#
                return Self.text(error, status: .internalServerError)
            }
            return try await Self.respond(to: body, with: .complete())
        case .cutOff(let prefix):
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: prefix))
                    throw FakeServerError.droppedConnection
                }
            )
        }
    }

    private static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    package enum FakeServerError: Error {
        case noPort
        case droppedConnection
    }
}
