import Experiences
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import OpenAPITesting
import Testing

/// What the shared layer refuses before any handler runs: bodies that are not JSON (415), cross-site and
/// DNS-rebinding requests (403), and, with a token configured, requests without it (401).
struct AccessControlTests {
    static let echo = #"{"name":"a","count":2}"#
    static let host = HTTPField.Name("Host")!

    func withApp(
        _ configuration: ServiceConfiguration = ServiceConfiguration(service: .ranker),
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = buildApplication(
            service: .ranker, configuration: configuration, routes: HTTPShellTests.routes,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(client) }
    }

    /// Status and `detail` of one request, checked against the service's OpenAPI document (`token` is sent to read
    /// the document when the service needs one).
    func send(
        _ client: any TestClientProtocol, _ uri: String = "/api/v1/echo", method: HTTPRequest.Method = .post,
        headers: HTTPFields = [:], body: String? = echo, token: String? = nil
    ) async throws -> (status: HTTPResponse.Status, detail: String?, headers: HTTPFields) {
        let checked = ContractCheckingClient(token.map { AuthorizingClient(client, token: $0) } ?? client)
        return try await checked.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let object =
                try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            return (response.status, object?["detail"] as? String, response.headers)
        }
    }

    // MARK: 415

    static let foreignTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]

    @Test(arguments: foreignTypes)
    func bodiesThatAreNotJSONGet415(_ type: String) async throws {
        try await withApp { client in
            let answer = try await send(client, headers: [.contentType: type])
            #expect(answer.status == .unsupportedMediaType)
            #expect(answer.detail == "send the body as JSON with Content-Type: application/json (got '\(type)')")
        }
    }

    @Test func aBodyWithoutAContentTypeGets415() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/v1/echo", method: .post, body: ByteBuffer(string: Self.echo)) {
                response in
                #expect(response.status == .unsupportedMediaType)
                #expect(String(buffer: response.body).contains("(got none)"))
            }
        }
    }

    @Test(arguments: ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"])
    func jsonWithOrWithoutCharsetIsAccepted(_ type: String) async throws {
        try await withApp { client in
            let answer1 = try await send(client, headers: [.contentType: type])
            #expect(answer1.status == .ok)
        }
    }

    // MARK: 403

    /// The last three are pages of this machine on another port (a development server, another local tool): other
    /// sites, as a browser counts them.
    @Test(arguments: [
        "http://evil.example", "https://127.0.0.1.evil.example", "null", "http://localhost.evil.example",
        "http://localhost:3000", "http://127.0.0.1", "http://[::1]:8014",
    ])
    func aForeignOriginGets403(_ origin: String) async throws {
        try await withApp { client in
            let answer = try await send(
                client, headers: [Self.host: "127.0.0.1:8013", .origin: origin, .contentType: "text/plain"])
            #expect(answer.status == .forbidden)
            #expect(answer.detail == "cross-site requests are refused (Origin '\(origin)')")
        }
    }

    @Test(arguments: [
        "http://127.0.0.1:8013", "http://localhost:8013", "http://[::1]:8013", "http://app.localhost:8013",
    ])
    func aLoopbackOriginOnTheServicesPortPasses(_ origin: String) async throws {
        try await withApp { client in
            let answer2 = try await send(client, headers: [Self.host: "127.0.0.1:8013", .origin: origin])
            #expect(answer2.status == .ok)
        }
    }

    @Test func anOriginIsComparedWithTheHostTheRequestNames() async throws {
        try await withApp { client in
            for (host, origin, passes) in [
                ("127.0.0.1:8013", "http://localhost:8013", true), ("localhost", "http://localhost", true),
                ("localhost", "https://localhost", true), ("127.0.0.1:8013", "http://localhost:3000", false),
                ("localhost", "http://localhost:8013", false), ("127.0.0.1:9000", "http://127.0.0.1:8013", false),
            ] {
                let answer = try await send(client, headers: [Self.host: host, .origin: origin])
                #expect((answer.status == .ok) == passes, "Host \(host), Origin \(origin): \(answer.status)")
            }
        }
    }

    @Test func aForeignHostGets403EvenOnHealth() async throws {
        try await withApp { client in
            for uri in ["/health", "/api/v1/echo"] {
                let answer = try await send(
                    client, uri, method: uri == "/health" ? .get : .post,
                    headers: [Self.host: "rebound.evil.example:8013"],
                    body: uri == "/health" ? nil : Self.echo)
                #expect(answer.status == .forbidden, "\(uri)")
                #expect(answer.detail?.hasPrefix("Host 'rebound.evil.example' is not this service's address") == true)
            }
            let answer3 = try await send(client, headers: [Self.host: "127.0.0.1:8013"])
            #expect(answer3.status == .ok)
        }
    }

    @Test func theBoundHostAndAllowedHostsPass() async throws {
        let configuration = ServiceConfiguration(
            service: .ranker, host: "10.1.2.3", apiToken: "t", allowedHosts: ["kaizen.internal"])
        try await withApp(configuration) { client in
            for host in ["10.1.2.3:8013", "kaizen.internal", "KAIZEN.internal.:8013"] {
                let answer4 = try await send(client, headers: [Self.host: host], token: "t")
                #expect(answer4.status == .ok, "\(host)")
            }
            let answer5 = try await send(client, headers: [Self.host: "10.1.2.4"], token: "t")
            #expect(answer5.status == .forbidden)
            let answer6 = try await send(client, headers: [.origin: "http://kaizen.internal"], token: "t")
            #expect(answer6.status == .ok)
            let behindABalancer = try await send(
                client, headers: [Self.host: "10.1.2.3:8013", .origin: "https://kaizen.internal:8443"], token: "t")
            #expect(behindABalancer.status == .ok)
            for (origin, status) in [
                ("http://10.1.2.3:8013", HTTPResponse.Status.ok), ("http://10.1.2.3:3000", .forbidden),
            ] {
                let answer = try await send(client, headers: [Self.host: "10.1.2.3:8013", .origin: origin], token: "t")
                #expect(answer.status == status, "\(origin)")
            }
        }
    }

    @Test func everyInterfaceAcceptsAnyHostButStillRefusesForeignOrigins() async throws {
        let configuration = ServiceConfiguration(service: .ranker, host: "0.0.0.0", apiToken: "t")
        try await withApp(configuration) { client in
            let answer7 = try await send(client, headers: [Self.host: "build-7.lan:8013"], token: "t")
            #expect(answer7.status == .ok)
            let sameSite = try await send(
                client, headers: [Self.host: "build-7.lan:8013", .origin: "http://build-7.lan:8013"], token: "t")
            #expect(sameSite.status == .ok)
            let crossSite = try await send(
                client, headers: [Self.host: "build-7.lan:8013", .origin: "http://evil.example"], token: "t")
            #expect(crossSite.status == .forbidden)
        }
    }

    // MARK: 401

    static let token = "s3cret-token-for-tests"

    @Test func withATokenEveryRouteButHealthNeedsIt() async throws {
        try await withApp(ServiceConfiguration(service: .ranker, apiToken: Self.token)) { client in
            for (uri, method) in [
                ("/api/v1/echo", HTTPRequest.Method.post), ("/metrics", .get), ("/openapi.json", .get),
            ] {
                try await client.execute(
                    uri: uri, method: method, headers: [.contentType: "application/json"],
                    body: method == .post ? ByteBuffer(string: Self.echo) : nil
                ) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(String(buffer: response.body).contains("send Authorization: Bearer"))
                }
            }
            let answer8 = try await send(client, "/health", method: .get, body: nil)
            #expect(answer8.status == .ok)
            let answer9 = try await send(client, token: Self.token)
            #expect(answer9.status == .ok)
        }
    }

    @Test(arguments: [
        "Bearer wrong", "Bearer s3cret-token-for-test", "Bearer s3cret-token-for-testsX", "Basic czM=", "",
    ])
    func aWrongTokenGets401(_ authorization: String) async throws {
        try await withApp(ServiceConfiguration(service: .ranker, apiToken: Self.token)) { client in
            try await client.execute(
                uri: "/api/v1/echo", method: .post,
                headers: [.contentType: "application/json", .authorization: authorization],
                body: ByteBuffer(string: Self.echo)
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
        }
    }

    @Test func theSchemeNameIsCaseInsensitive() async throws {
        try await withApp(ServiceConfiguration(service: .ranker, apiToken: Self.token)) { client in
            try await client.execute(
                uri: "/api/v1/echo", method: .post,
                headers: [.contentType: "application/json", .authorization: "bearer \(Self.token)"],
                body: ByteBuffer(string: Self.echo)
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func comparisonLooksAtEveryByte() {
        let expected = Array("abcdef".utf8)
        #expect(BearerTokenMiddleware<BasicRequestContext>.equalInConstantTime(expected, expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equalInConstantTime(Array("abcdeg".utf8), expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equalInConstantTime(Array("abcde".utf8), expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equalInConstantTime(Array("abcdef\0".utf8), expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equalInConstantTime([], expected))
    }

    // MARK: The documents

    func document(_ client: any TestClientProtocol, token: String? = nil) async throws -> JSONValue {
        let headers: HTTPFields = token.map { [.authorization: "Bearer \($0)"] } ?? [:]
        return try await client.execute(uri: "/openapi.json", method: .get, headers: headers) { response in
            try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
        }
    }

    @Test func theDocumentDeclaresTheSchemeAndTheRefusals() async throws {
        try await withApp { client in
            let document = try await self.document(client)
            #expect(document["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == "bearer")
            #expect(document["security"] == nil)
            let echo = try #require(document["paths"]?["/api/v1/echo"]?["post"]?["responses"])
            #expect(echo["403"] != nil && echo["415"] != nil && echo["401"] == nil)
            let health = try #require(document["paths"]?["/health"]?["get"]?["responses"])
            #expect(health["403"] != nil && health["415"] == nil)
        }
        try await withApp(ServiceConfiguration(service: .ranker, apiToken: Self.token)) { client in
            let document = try await self.document(client, token: Self.token)
            #expect(document["security"] == [["bearerAuth": []]])
            #expect(document["paths"]?["/api/v1/echo"]?["post"]?["responses"]?["401"] != nil)
            #expect(document["paths"]?["/health"]?["get"]?["security"] == [])
            #expect(document["paths"]?["/health"]?["get"]?["responses"]?["401"] == nil)
        }
    }
}

/// Sends the bearer token with every request, as a configured client does.
struct AuthorizingClient: TestClientProtocol {
    let client: any TestClientProtocol
    let token: String

    init(_ client: any TestClientProtocol, token: String) {
        self.client = client
        self.token = token
    }

    var port: Int? { self.client.port }

    func executeRequest(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
    ) async throws -> TestResponse {
        var headers = headers
        headers[.authorization] = "Bearer \(self.token)"
        return try await self.client.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}
