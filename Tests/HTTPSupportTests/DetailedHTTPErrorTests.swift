import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Errors answer for themselves at the edge, as Hummingbird's `HTTPResponseError` does: a ``DetailedHTTPError`` gives
/// its status and `{"detail": ...}`, or its own body; other `HTTPResponseError`s keep their status.
struct DetailedHTTPErrorTests {
    /// A library-style error that conforms, as the services make the stages' errors conform.
    enum Refusal: DetailedHTTPError {
        case unknown(String)
        case gone

        var status: HTTPResponse.Status {
            switch self {
            case .unknown: .notFound
            case .gone: .gone
            }
        }

        var detail: String {
            switch self {
            case .unknown(let id): "no thing \(id)"
            case .gone: "the thing is gone"
            }
        }
    }

    /// An error with a body of its own (as a refused ingestion batch lists its bad items).
    struct Listing: DetailedHTTPError {
        var status: HTTPResponse.Status { .unprocessableContent }
        var detail: String { "two bad items" }

        func response(from request: Request, context: some RequestContext) throws -> Response {
            Response(
                status: self.status, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"two bad items","errors":[0,1]}"#)))
        }
    }

    static let routes = ServiceRoutes(paths: [:]) { router in
        router.get("unknown") { _, _ -> String in throw Refusal.unknown("x-1") }
        router.get("gone") { _, _ -> String in throw Refusal.gone }
        router.get("listing") { _, _ -> String in throw Listing() }
        router.get("too-many-bytes") { _, _ -> String in throw NIOTooManyBytesError(maxBytes: 1) }
    }

    static let cases: [(uri: String, status: HTTPResponse.Status, body: String)] = [
        ("/unknown", .notFound, #"{"detail":"no thing x-1"}"#),
        ("/gone", .gone, #"{"detail":"the thing is gone"}"#),
        ("/listing", .unprocessableContent, #"{"detail":"two bad items","errors":[0,1]}"#),
        ("/too-many-bytes", .contentTooLarge, #"{"detail":"Content Too Large"}"#),
    ]

    @Test(arguments: 0..<cases.count)
    func theErrorMakesTheAnswer(_ index: Int) async throws {
        let expected = Self.cases[index]
        let app = buildApplication(
            service: .ranker, configuration: ServiceConfiguration(service: .ranker), routes: Self.routes,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: expected.uri, method: .get) { response in
                #expect(response.status == expected.status)
                #expect(String(buffer: response.body) == expected.body)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }
}
