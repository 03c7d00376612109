import AsyncHTTPClient
import Foundation
// AsyncHTTPClient's API is spelled in NIO types (ByteBuffer, HTTPHeaders, TimeAmount); these modules come with it.
import NIOCore
import NIOHTTP1

/// The real ``ChatTransport``: an HTTP `POST` through AsyncHTTPClient.
///
/// Uses `HTTPClient.shared` unless given a client (whose owner shuts it down). The timeout covers the whole
/// exchange: AsyncHTTPClient's deadline only guards the wait for the response head, so the body is collected
/// under a race against the same timeout, and a server that stalls mid-body is abandoned too.
package struct HTTPClientTransport: ChatTransport {
    /// The client requests go through.
    package let client: HTTPClient
    /// The largest answer body accepted, in bytes.
    package let maxResponseBytes: Int

    /// Creates a transport.
    ///
    /// - Parameters:
    ///   - client: the HTTP client to use. Default `HTTPClient.shared`, which needs no shutdown.
    ///   - maxResponseBytes: the largest body accepted. Default 16 MiB.
    package init(client: HTTPClient = .shared, maxResponseBytes: Int = 16 << 20) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    /// Posts `request` and collects the whole answer, racing it against `timeout`.
    ///
    /// - Throws: ``ChatTransportError`` (timeout, connection failure, oversized answer) or `CancellationError`.
    package func send(_ request: ChatTransportRequest, timeout: Duration) async throws -> ChatTransportResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = .POST
        httpRequest.headers = HTTPHeaders(request.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        httpRequest.body = .bytes(request.body)
        let client = self.client
        let limit = self.maxResponseBytes
        let outgoing = httpRequest
        do {
            return try await withThrowingTaskGroup(of: ChatTransportResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
                    let body = try await response.body.collect(upTo: limit)
                    var headers: [String: String] = [:]
                    for (name, value) in response.headers {
                        let key = name.lowercased()
                        headers[key] = headers[key].map { "\($0), \(value)" } ?? value
                    }
                    return ChatTransportResponse(
                        status: Int(response.status.code),
                        headers: headers,
                        body: Array(body.readableBytesView)
                    )
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw ChatTransportError.timedOut(after: timeout)
                }
                return response
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw Self.transportError(for: error, timeout: timeout, limit: limit)
        }
    }

    /// What an error from AsyncHTTPClient means for the caller.
    private static func transportError(for error: any Error, timeout: Duration, limit: Int) -> ChatTransportError {
        switch error {
        case let error as ChatTransportError:
            return error
        case let error as HTTPClientError:
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout:
                return .timedOut(after: timeout)
            default:
                return .connectionFailed(String(describing: error))
            }
        case is NIOTooManyBytesError:
            return .responseTooLarge(limit: limit)
        case let error as IOError:
            // The socket's error in words ("connection refused"), not NIO's description of it.
            return .connectionFailed(String(cString: strerror(error.errnoCode)).lowercased())
        default:
            return .connectionFailed(String(describing: error))
        }
    }
}
