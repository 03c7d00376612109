import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// Cancels the work of a `POST` whose client has gone away, so a clustering or ranking nobody waits for stops at
/// its next cancellation check instead of running to its time limit (two abandoned clusterings once held a
/// service's CPU and memory for minutes); and the work of every `POST` when the service is stopping (SIGTERM), which
/// answers 503 so the client retries elsewhere, instead of holding the shutdown until a clustering of the whole
/// store is done.
///
/// Hummingbird does not cancel a handler when its connection closes, so the handler runs in a task of its own
/// that the connection's ``ConnectionWatch`` cancels when the client closes its side (``ClientLeftHandler`` sees
/// the end of its input; Hummingbird allows half-closed connections, so the channel itself stays open until the
/// answer is written) or the connection closes. A client that half-closes on purpose after its request counts as
/// gone too, as with nginx's default. Only `POST` routes do work worth stopping; the others go straight through.
package struct ClientDisconnectMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        let watch = ConnectionWatch.of(context.channel)
        return try await withoutActuallyEscaping(next) { next in
            // `next` runs once, in the task below, while this task waits for it: never from two places at once.
            nonisolated(unsafe) let next = next
            let work = Task { try await next(request, context) }
            watch.track { work.cancel() }
            defer { watch.untrack() }
            let stopping = Atomic(false)
            do {
                return try await withGracefulShutdownHandler {
                    try await withTaskCancellationHandler {
                        try await work.value
                    } onCancel: {
                        work.cancel()
                    }
                } onGracefulShutdown: {
                    stopping.store(true, ordering: .relaxed)
                    work.cancel()
                }
            } catch  where stopping.load(ordering: .relaxed) {
                throw Self.stopping
            }
        }
    }

    /// What a request whose work the shutdown cut short answers.
    static let stopping = APIError(
        .serviceUnavailable, "the service is stopping and did not finish this request; send it again")
}

/// One per open connection: cancels the request in progress there when the connection closes.
///
/// One close callback per connection (not per request), so a long keep-alive connection does not pile callbacks
/// up; a connection serves one request at a time (HTTP/1.1 pipelining is answered in order).
final class ConnectionWatch: Sendable {
    private struct State {
        var cancel: (@Sendable () -> Void)?
        var closed = false
    }

    /// The watches of the open connections, by channel.
    private static let open = Mutex<[ObjectIdentifier: ConnectionWatch]>([:])
    private let state = Mutex(State())

    /// The watch of `channel`, made (with its close callback) the first time a request there asks.
    static func of(_ channel: any Channel) -> ConnectionWatch {
        let id = ObjectIdentifier(channel)
        let (watch, isNew) = Self.open.withLock { open in
            if let watch = open[id] { return (watch, false) }
            let watch = ConnectionWatch()
            open[id] = watch
            return (watch, true)
        }
        if isNew {
            channel.closeFuture.whenComplete { _ in
                Self.open.withLock { _ = $0.removeValue(forKey: id) }
                watch.clientLeft()
            }
        }
        return watch
    }

    /// How many connections are watched (for tests: a closed connection's watch is gone).
    static var watchedConnections: Int { Self.open.withLock { $0.count } }

    /// Runs `cancel` when the connection closes while the current request runs; at once if it has closed already.
    func track(_ cancel: @escaping @Sendable () -> Void) {
        let closed = self.state.withLock { state in
            state.cancel = cancel
            return state.closed
        }
        if closed { cancel() }
    }

    /// The current request has ended.
    func untrack() {
        self.state.withLock { $0.cancel = nil }
    }

    /// The client closed its side or the connection closed: cancels the current request, and any later one at once.
    func clientLeft() {
        let cancel = self.state.withLock { state in
            state.closed = true
            return state.cancel
        }
        cancel?()
    }
}

/// Tells the connection's ``ConnectionWatch`` when the client has closed its side of the connection (the end of its
/// input), which Hummingbird, allowing half-closed connections, does not turn into a close while a request runs.
final class ClientLeftHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            ConnectionWatch.of(context.channel).clientLeft()
        }
        context.fireUserInboundEventTriggered(event)
    }
}
