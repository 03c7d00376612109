import Foundation
import Hummingbird
import NIOCore

/// The request context of every Kaizen service.
///
/// Body size is enforced by ``BodyLimitMiddleware`` with the service's configured limit, so decoding itself
/// takes whatever the middleware let through.
package struct ServiceRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection the request came on (``ClientDisconnectMiddleware`` watches it close).
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    package var maxUploadSize: Int { .max }

    /// Requests are snake_case JSON with RFC 3339 dates, as the online side writes them.
    package var requestDecoder: JSONDecoder { Self.requestDecoder }

    package var responseEncoder: JSONEncoder { Self.responseEncoder }

    /// Made once, not per request: Foundation's coders are safe to share while nobody changes their settings.
    private static let requestDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    private static let responseEncoder = makeResponseEncoder()

    /// Responses use the same conventions, with sorted keys so equal results are equal bytes.
    package static func makeResponseEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
