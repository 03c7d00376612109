/// Carries one chat-completions request to a server and brings back its answer, whatever the status.
///
/// The ``OpenAIClient`` builds the body and headers, and decides about retries, backoff and parsing; a transport
/// only moves bytes. ``HTTPClientTransport`` is the real one (AsyncHTTPClient); tests script their own, so the
/// retry and parsing logic is tested without a network, the way swift-openapi-runtime's `ClientTransport` is.
package protocol ChatTransport: Sendable {
    /// Sends `request` and returns the server's answer, including non-2xx ones.
    ///
    /// - Parameters:
    ///   - request: the URL, headers and JSON body to `POST`.
    ///   - timeout: how long the whole exchange (request, status line and full body) may take.
    /// - Returns: the status, headers and complete body.
    /// - Throws: ``ChatTransportError`` for timeouts, connection failures and oversized answers, or
    ///   `CancellationError` when the task is cancelled. Any other error counts as a connection failure.
    func send(_ request: ChatTransportRequest, timeout: Duration) async throws -> ChatTransportResponse
}
