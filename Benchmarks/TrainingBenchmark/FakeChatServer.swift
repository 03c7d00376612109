import Foundation
import Hummingbird
import Logging
import NIOCore

/// A fake OpenAI-compatible endpoint for the throughput benchmark: a Hummingbird server on 127.0.0.1 (a free port)
/// whose `POST /v1/chat/completions` answers every call after a fixed delay with a valid completion.
///
/// The answer is the first sentence of the user message's context block, and for about one prompt in three it also
/// carries an invented claim, chosen by a hash of the whole conversation, so different prompt variants get different
/// rewards and the trainer's update path does real work.
enum FakeChatServer {
    /// Runs the server, calls `body` with its base URL (`http://127.0.0.1:<port>/v1`), then stops it.
    static func withServer<Value: Sendable>(
        delay: Duration, _ body: @escaping @Sendable (String) async throws -> Value
    ) async throws -> Value {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            try await Task.sleep(for: delay)
            let answer = try Self.completion(for: Data(bytes.readableBytesView))
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "fake-llm"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "fake-llm") { _ in SwiftLogNoOpLogHandler() })
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw FakeServerError.noPort }
            let value = try await body("http://127.0.0.1:\(port)/v1")
            group.cancelAll()
            return value
        }
    }

    /// A chat completion with `n` choices for the request body.
    static func completion(for body: Data) throws -> Data {
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        let messages = object["messages"] as? [[String: Any]] ?? []
        let user = messages.last?["content"] as? String ?? ""
        let system = messages.first?["content"] as? String ?? ""
        let count = object["n"] as? Int ?? 1
        var context = user
        if let start = user.range(of: "Context:\n") {
            context = String(user[start.upperBound...].prefix { $0 != "\n" })
        }
        let sentence = context.split(separator: ".", maxSplits: 1).first.map { $0 + "." } ?? "I don't know."
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (system + user).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let choices = (0..<count).map { index -> [String: Any] in
            let invented = (hash &+ UInt64(index)) % 3 == 0
            let text = invented ? sentence + " It was first documented in 1979 by Marcus Holloway." : String(sentence)
            return ["index": index, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]
        }
        let completion: [String: Any] = [
            "id": "chatcmpl-fake", "object": "chat.completion", "model": object["model"] as? String ?? "fake",
            "choices": choices,
            "usage": [
                "prompt_tokens": (system.utf8.count + user.utf8.count) / 4, "completion_tokens": 12 * count,
                "total_tokens": (system.utf8.count + user.utf8.count) / 4 + 12 * count,
            ],
        ]
        return try JSONSerialization.data(withJSONObject: completion)
    }

    enum FakeServerError: Error {
        case noPort
    }
}
