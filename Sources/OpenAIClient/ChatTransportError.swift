/// Why a ``ChatTransport`` brought back no answer.
///
/// A struct over a private enum, so cases can be added without breaking callers. Timeouts and connection failures
/// are retried by the ``OpenAIClient``; an oversized answer is not.
package struct ChatTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case timedOut(Duration)
        case connectionFailed(String)
        case responseTooLarge(Int)
    }

    private let code: Code

    /// No complete answer arrived within `timeout`.
    package static func timedOut(after timeout: Duration) -> ChatTransportError {
        ChatTransportError(code: .timedOut(timeout))
    }

    /// The connection could not be made or broke off (refused, reset, closed mid-body); `reason` is shown to users.
    package static func connectionFailed(_ reason: String) -> ChatTransportError {
        ChatTransportError(code: .connectionFailed(reason))
    }

    /// The answer was longer than `limit` bytes.
    package static func responseTooLarge(limit: Int) -> ChatTransportError {
        ChatTransportError(code: .responseTooLarge(limit))
    }

    /// Whether trying again may help (timeouts and connection failures).
    package var isRetryable: Bool {
        switch self.code {
        case .timedOut, .connectionFailed: true
        case .responseTooLarge: false
        }
    }

    /// Whether this is a timeout.
    package var isTimeout: Bool {
        if case .timedOut = self.code { return true }
        return false
    }

    /// A readable account of the failure, safe to show (it never includes request headers).
    package var description: String {
        switch self.code {
        case .timedOut(let timeout): "no complete answer within \(timeout)"
        case .connectionFailed(let reason): "connection failed: \(reason)"
        case .responseTooLarge(let limit): "the answer is larger than \(limit) bytes"
        }
    }
}
