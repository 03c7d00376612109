import Experiences
import Hummingbird

/// What one service adds to the shared HTTP layer: its routes and their OpenAPI description.
///
/// ``none`` serves only the shared routes (`/health`, `/metrics`, `/openapi.json`), as the HTTP layer's own tests do.
package struct ServiceRoutes: Sendable {
    /// OpenAPI 3.1 path items by path, e.g. `"/api/v1/cluster": ["post": ...]`.
    package var paths: [String: JSONValue]
    /// OpenAPI schemas by name, referenced as `#/components/schemas/<name>`.
    package var schemas: [String: JSONValue]
    /// Adds the routes to the router.
    package var register: @Sendable (Router<ServiceRequestContext>) -> Void

    package init(
        paths: [String: JSONValue],
        schemas: [String: JSONValue] = [:],
        register: @escaping @Sendable (Router<ServiceRequestContext>) -> Void
    ) {
        self.paths = paths
        self.schemas = schemas
        self.register = register
    }

    /// No routes beyond the shared ones.
    package static let none = ServiceRoutes(paths: [:], register: { _ in })
}
