import Experiences
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Testing

/// Errors name the field and what it takes, without Swift type names and without echoing a huge value back; a
/// valid JSON number that does not fit its field is a 422 naming the field, not "malformed JSON"; a known path
/// asked with another method is a 405 with `Allow`.
struct ErrorHonestyTests {
    enum Shape: String, Decodable, CaseIterable, NamedCases {
        case round, square

        init(from decoder: any Decoder) throws { try self.init(namedCaseFrom: decoder) }
    }

    struct Options: Decodable, ResponseEncodable, Encodable {
        var seed: UInt64?
        var k: Int?
        var weight: Double?
        var shape: String?
        var range: ClosedRange<Int>?
        var nested: [Nested]?

        struct Nested: Codable { var count: Int }

        enum CodingKeys: String, CodingKey { case seed, k, weight, shape, range, nested }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
            self.k = try container.decodeIfPresent(Int.self, forKey: .k)
            self.weight = try container.decodeIfPresent(Double.self, forKey: .weight)
            self.shape = try container.decodeIfPresent(Shape.self, forKey: .shape)?.rawValue
            self.range = try container.decodeIfPresent(ClosedRange<Int>.self, forKey: .range)
            self.nested = try container.decodeIfPresent([Nested].self, forKey: .nested)
        }
    }

    /// A strict enum of Foundation's own making, to check that its message loses the type name too.
    enum Plain: String, Codable { case one }
    struct PlainBody: Codable, ResponseEncodable { var plain: Plain }

    static let routes = ServiceRoutes(
        paths: [
            "/api/v1/options": [
                "post": [
                    "operationId": "options",
                    "responses": .object(
                        OpenAPIDocument.bodyErrors.merging([
                            "200": OpenAPIDocument.jsonResponse("The options", schema: ["type": "object"])
                        ]) { $1 }),
                ]
            ],
            "/api/v1/items/{id}": ["get": ["operationId": "item", "responses": ["200": ["description": "The item"]]]],
        ],
        register: { router in
            router.post("api/v1/options") { request, context in
                try await request.decodeJSON(as: Options.self, context: context)
            }
            router.post("api/v1/plain") { request, context in
                try await request.decodeJSON(as: PlainBody.self, context: context)
            }
            router.get("api/v1/items/:id") { _, _ in "item" }
        }
    )

    func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(
            service: .ranker, configuration: ServiceConfiguration(service: .ranker, maxBodySize: 1 << 20),
            routes: Self.routes, logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(ContractCheckingClient(client)) }
    }

    static func detail(_ response: TestResponse) throws -> String {
        try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView)).detail
    }

    static let huge = String(repeating: "x", count: 200_000)

    static let cases: [(uri: String, body: String, status: HTTPResponse.Status, detail: String)] = [
        ("/api/v1/options", #"{"seed": -1}"#, .unprocessableContent, "field 'seed' must not be negative, got -1"),
        ("/api/v1/options", #"{"k": 3.5}"#, .unprocessableContent, "field 'k' must be a whole number, got 3.5"),
        (
            "/api/v1/options", #"{"weight": 0.5, "k": 1e30}"#, .unprocessableContent,
            "field 'k' is out of range, got 1e+30"
        ),
        (
            "/api/v1/options", #"{"nested": [{"count": 1}, {"count": -2.5}]}"#, .unprocessableContent,
            "field 'nested[1].count' must be a whole number, got -2.5"
        ),
        (
            "/api/v1/options", #"{"shape": "oval"}"#, .unprocessableContent,
            "field 'shape' must be one of: round, square; got 'oval'"
        ),
        (
            "/api/v1/plain", #"{"plain": "two"}"#, .unprocessableContent,
            "field 'plain' has an unexpected value 'two'"
        ),
        (
            "/api/v1/options", #"{"range": [5, 3]}"#, .unprocessableContent,
            "field 'range' must be [lower, upper] with lower <= upper"
        ),
        ("/api/v1/options", #"{"weight": 1e400}"#, .unprocessableContent, "field 'weight' is out of range, got 1e400"),
        ("/api/v1/options", #"{"weight": 1e400"#, .badRequest, "malformed JSON: the body could not be parsed"),
        ("/api/v1/options", #"{"k": "#, .badRequest, "malformed JSON: the body could not be parsed"),
        ("/api/v1/options", #"{"seed": -1"#, .badRequest, "malformed JSON: the body could not be parsed"),
    ]

    @Test(arguments: 0..<cases.count)
    func errorsNameTheFieldAndWhatItTakes(_ index: Int) async throws {
        let example = Self.cases[index]
        try await withApp { client in
            try await client.execute(uri: example.uri, method: .post, body: ByteBuffer(string: example.body)) {
                (response: TestResponse) async throws in
                #expect(response.status == example.status)
                #expect(try Self.detail(response) == example.detail)
            }
        }
    }

    @Test func aHugeValueIsNotEchoedBackWhole() async throws {
        try await withApp { client in
            for body in [#"{"shape": "\#(Self.huge)"}"#, #"{"plain": "\#(Self.huge)"}"#] {
                let uri = body.contains("plain") ? "/api/v1/plain" : "/api/v1/options"
                try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: body)) {
                    (response: TestResponse) async throws in
                    #expect(response.status == .unprocessableContent)
                    let detail = try Self.detail(response)
                    #expect(detail.count < 300, "\(detail.prefix(300))")
                    #expect(detail.contains("(200000 characters)"), "\(detail.prefix(300))")
                    #expect(!detail.contains("Plain") && !detail.contains("Shape"), "\(detail.prefix(300))")
                }
            }
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await withApp { client in
            for (uri, method, allowed) in [
                ("/api/v1/options", HTTPRequest.Method("TRACE")!, "POST"), ("/api/v1/options", .get, "POST"),
                ("/health", .delete, "GET"), ("/api/v1/items/7", .put, "GET"),
            ] {
                try await client.execute(uri: uri, method: method) { (response: TestResponse) async throws in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allowed, "\(method) \(uri)")
                    #expect(
                        try Self.detail(response)
                            == "method \(method.rawValue) is not allowed on \(uri); use \(allowed)")
                }
            }
            try await client.execute(uri: "/api/v1/nowhere", method: HTTPRequest.Method("TRACE")!) {
                (response: TestResponse) async throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/items/7", method: .get) { #expect($0.status == .ok) }
            // HEAD is served wherever GET is, with GET's headers and no body (it was 404).
            for uri in ["/api/v1/items/7", "/health"] {
                try await client.execute(uri: uri, method: .head) { (response: TestResponse) async throws in
                    #expect(response.status == .ok, "HEAD \(uri)")
                    #expect(response.body.readableBytes == 0, "HEAD \(uri)")
                }
            }
        }
    }
}
