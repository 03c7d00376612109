import Experiences
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A test client that checks every answer against the service's own `/openapi.json` (read once, through the same
/// client) and records an issue for each status or body the document does not describe.
///
/// Wrap a service test's client in it, and every route the tests reach is checked against its documented response
/// schema, not only the routes a contract test lists.
///
/// A body sent without a `Content-Type` goes as `application/json`, as every Kaizen client sends it (the pipeline's
/// remote backend, the documented curl calls); a test of the services' 415 passes a header of its own.
package final class ContractCheckingClient: TestClientProtocol {
    let client: any TestClientProtocol
    private let contract = Mutex<OpenAPIContract?>(nil)

    package init(_ client: any TestClientProtocol) {
        self.client = client
    }

    package var port: Int? { self.client.port }

    package func executeRequest(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
    )
        async throws -> TestResponse
    {
        var headers = headers
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await self.client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let contract = try await self.loadContract()
        let problems = contract.violations(
            method: method.rawValue, uri: uri, status: Int(response.status.code),
            contentType: response.headers[.contentType], body: Data(response.body.readableBytesView))
        for problem in problems {
            Issue.record("the answer breaks the OpenAPI document: \(problem)")
        }
        return response
    }

    func loadContract() async throws -> OpenAPIContract {
        if let contract = self.contract.withLock({ $0 }) { return contract }
        let answer = try await self.client.executeRequest(uri: "/openapi.json", method: .get, headers: [:], body: nil)
        let contract = OpenAPIContract(
            document: try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.readableBytesView)))
        self.contract.withLock { $0 = contract }
        return contract
    }
}
