import Experiences
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Testing

struct HTTPShellTests {
    struct Echo: Codable, ResponseEncodable {
        var name: String
        var count: Int
    }

    struct Secret: Error {}

    /// A service with one JSON route and one that fails inside, as a later stage would add.
    static let routes = ServiceRoutes(
        paths: [
            "/api/v1/echo": [
                "post": [
                    "operationId": "echo",
                    "responses": .object(
                        OpenAPIDocument.bodyErrors.merging([
                            "200": OpenAPIDocument.jsonResponse(
                                "The body, decoded and encoded again",
                                schema: [
                                    "type": "object", "required": ["name", "count"],
                                    "properties": ["name": ["type": "string"], "count": ["type": "integer"]],
                                ])
                        ]) { $1 }),
                ]
            ]
        ],
        register: { router in
            router.post("api/v1/echo") { request, context in
                try await request.decodeJSON(as: Echo.self, context: context)
            }
            router.get("api/v1/broken") { _, _ -> String in
                throw Secret()
            }
        }
    )

    func withApp(maxBodySize: Int = 1024, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws
    {
        let app = buildApplication(
            service: .ranker,
            configuration: ServiceConfiguration(service: .ranker, maxBodySize: maxBodySize),
            routes: Self.routes,
            logger: Logger(label: "test")
        )
        try await app.test(.router) { client in try await body(ContractCheckingClient(client)) }
    }

    func detail(_ response: TestResponse) throws -> String {
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return try #require(object?["detail"] as? String)
    }

    @Test func healthSaysWhichService() async throws {
        try await withApp { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let object =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(object?["status"] as? String == "ok")
                #expect(object?["service"] as? String == "ranker")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.headers[HTTPField.Name("x-request-id")!] != nil)
            }
        }
    }

    @Test func openAPIDocumentDescribesSharedAndServiceRoutes() async throws {
        try await withApp { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let object =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(object?["openapi"] as? String == "3.1.0")
                let paths = try #require(object?["paths"] as? [String: Any])
                #expect(Set(paths.keys) == ["/health", "/metrics", "/openapi.json", "/api/v1/echo"])
            }
        }
    }

    @Test func metricsCountRequestsInPrometheusText() async throws {
        try await withApp { client in
            try await client.execute(uri: "/health", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE kaizen_http_requests_total counter"))
                #expect(text.contains(#"route="/health""#))
                #expect(text.contains("kaizen_http_request_duration_seconds_bucket"))
            }
        }
    }

    /// The middleware keeps each label set's series: repeated requests count on one, and a method HTTP does not
    /// define is `other`, so made-up methods cannot grow the registry.
    @Test func metricsCountRepeatsOnOneSeriesAndBoundMethods() async throws {
        try await withApp { client in
            for _ in 0..<3 { try await client.execute(uri: "/health", method: .get) { _ in } }
            try await client.execute(uri: "/health", method: HTTPRequest.Method("BREW")!) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = String(buffer: response.body).split(separator: "\n")
                let health = lines.filter {
                    $0.hasPrefix("kaizen_http_requests_total{") && $0.contains(#"route="/health""#)
                        && $0.contains(#"method="GET""#)
                }
                #expect(health.count == 1)
                #expect(health.first?.hasSuffix(" 3") == true)
                #expect(
                    lines.contains { $0.hasPrefix("kaizen_http_requests_total{") && $0.contains(#"method="other""#) })
                #expect(!lines.contains { $0.contains("BREW") })
            }
        }
    }

    @Test func validBodyIsDecoded() async throws {
        try await withApp { client in
            try await client.execute(
                uri: "/api/v1/echo", method: .post, body: ByteBuffer(string: #"{"name":"a","count":2}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"count":2,"name":"a"}"#)
            }
        }
    }

    /// Each class of caller mistake, its status, and a phrase its detail must contain.
    static let mistakes:
        [(uri: String, method: HTTPRequest.Method, body: String?, status: HTTPResponse.Status, phrase: String)] = [
            ("/api/v1/echo", .post, #"{"name": "a", "count": "#, .badRequest, "malformed JSON"),
            ("/api/v1/echo", .post, "", .badRequest, "malformed JSON"),
            ("/api/v1/echo", .post, #"{"name":"a"}"#, .unprocessableContent, "field 'count' is required"),
            (
                "/api/v1/echo", .post, #"{"name":"a","count":"two"}"#, .unprocessableContent,
                "field 'count' has the wrong type"
            ),
            (
                "/api/v1/echo", .post, #"{"name":null,"count":1}"#, .unprocessableContent,
                "field 'name' must not be null"
            ),
            (
                "/api/v1/echo", .post, #"{"name":"\#(String(repeating: "x", count: 2000))","count":1}"#,
                .contentTooLarge, "exceeds the limit"
            ),
            ("/api/v1/nothing-here", .get, nil, .notFound, "Not Found"),
            ("/api/v1/broken", .get, nil, .internalServerError, "internal server error"),
        ]

    @Test(arguments: 0..<mistakes.count)
    func callerMistakesGetA4xxWithJSONDetail(_ index: Int) async throws {
        let mistake = Self.mistakes[index]
        try await withApp { client in
            try await client.execute(
                uri: mistake.uri, method: mistake.method, body: mistake.body.map { ByteBuffer(string: $0) }
            ) { response in
                #expect(response.status == mistake.status)
                let detail = try self.detail(response)
                #expect(detail.contains(mistake.phrase), "\(detail)")
                #expect(!detail.contains("Secret"), "internals must not leak")
            }
        }
    }

    @Test func configurationReadsKeysWithDefaults() {
        let defaults = ServiceConfiguration(service: .rlTrainer)
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8014)
        #expect(ServiceKind.allCases.map(\.defaultPort) == [8011, 8012, 8013, 8014])
    }
}
