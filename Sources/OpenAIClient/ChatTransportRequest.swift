/// One HTTP `POST` the ``OpenAIClient`` asks a ``ChatTransport`` to send.
package struct ChatTransportRequest: Sendable, Hashable {
    /// The absolute URL, e.g. `http://127.0.0.1:8000/v1/chat/completions`.
    package var url: String
    /// Request headers by name (`Content-Type`, `Authorization`, extra headers).
    package var headers: [String: String]
    /// The JSON body.
    package var body: [UInt8]

    /// Creates a request.
    package init(url: String, headers: [String: String], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}
