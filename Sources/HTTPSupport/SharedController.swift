import Experiences
import Foundation
import Hummingbird
import Prometheus

/// The routes every service has: `GET /health`, `GET /metrics`, `GET /openapi.json`.
struct SharedController: Sendable {
    let service: ServiceKind
    let registry: PrometheusCollectorRegistry
    /// The rendered OpenAPI document, built once.
    let openAPI: ByteBuffer

    init(service: ServiceKind, registry: PrometheusCollectorRegistry, openAPI: JSONValue) {
        self.service = service
        self.registry = registry
        self.openAPI = ByteBuffer(string: openAPI.rendered(keyOrder: ["openapi", "info", "servers", "paths"]))
    }

    struct Health: ResponseEncodable {
        var status = "ok"
        var service: String
        var version: String
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("health") { _, _ in
            Health(service: self.service.rawValue, version: OpenAPIDocument.apiVersion)
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: self.registry.emitToBuffer()))
            )
        }
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: self.openAPI)
            )
        }
    }
}
