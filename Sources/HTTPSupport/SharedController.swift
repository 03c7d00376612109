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
    /// The `/health` answer, encoded once: it never changes, and encoding it per request was a tenth of a busy
    /// service's CPU under a load balancer's probes.
    let health: ByteBuffer

    init(service: ServiceKind, registry: PrometheusCollectorRegistry, openAPI: JSONValue) {
        self.service = service
        self.registry = registry
        self.openAPI = ByteBuffer(string: openAPI.rendered(keyOrder: ["openapi", "info", "servers", "paths"]))
        let health = Health(service: service.rawValue, version: OpenAPIDocument.apiVersion)
        self.health = ByteBuffer(bytes: (try? ServiceRequestContext.makeResponseEncoder().encode(health)) ?? Data())
    }

    struct Health: Encodable {
        var status = "ok"
        var service: String
        var version: String
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("health") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: jsonContentType],
                body: .init(byteBuffer: self.health)
            )
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
                headers: [.contentType: jsonContentType],
                body: .init(byteBuffer: self.openAPI)
            )
        }
    }
}
