import Experiences

/// Builds a service's OpenAPI 3.1 document (`GET /openapi.json`) from the shared routes and the service's own.
package enum OpenAPIDocument {
    /// Kaizen's API version, shown in the documents and `GET /health`.
    package static let apiVersion = "0.1.0"

    /// The whole document for `service`.
    ///
    /// - Parameter requiresToken: whether the service runs with `KAIZEN_API_TOKEN`: then every operation but
    ///   `/health` requires the bearer scheme and documents 401. The scheme is declared either way.
    package static func make(service: ServiceKind, routes: ServiceRoutes, requiresToken: Bool = false) -> JSONValue {
        var paths = Self.sharedPaths
        paths.merge(routes.paths) { _, own in own }
        var schemas = Self.sharedSchemas
        schemas.merge(routes.schemas) { _, own in own }
        var document: [String: JSONValue] = [
            "openapi": "3.1.0",
            "info": [
                "title": .string(service.title),
                "version": .string(Self.apiVersion),
                "description": "Part of Kaizen, the offline learning layer of an adaptive-prompt LLM system.",
            ],
            // Relative, so it is wherever the document was fetched from: a fixed http://127.0.0.1:8011 was wrong for
            // every service on another host or port (OpenAPI 3.1 resolves it against the document's URL).
            "servers": [
                [
                    "url": "/",
                    "description": .string("this \(service.rawValue) service (default port \(service.defaultPort))"),
                ]
            ],
            "paths": .object(Self.withAccessResponses(paths, requiresToken: requiresToken)),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    Self.securityScheme: [
                        "type": "http", "scheme": "bearer",
                        "description": .string(Self.securitySchemeDescription),
                    ]
                ],
            ],
        ]
        if requiresToken { document["security"] = [[Self.securityScheme: []]] }
        return .object(document)
    }

    /// The name of the bearer security scheme in `components.securitySchemes`.
    package static let securityScheme = "bearerAuth"

    static let securitySchemeDescription =
        "The service's KAIZEN_API_TOKEN, as Authorization: Bearer <token>; required on every route but /health when "
        + "the service runs with a token"

    /// `paths` with the refusals the shared middleware gives documented on every operation: 403 (a foreign `Origin`
    /// or `Host`), 415 on `POST`, `PUT` and `PATCH`, and, with a token, 401 everywhere but `/health`, which then opts out
    /// of the document-wide security requirement.
    static func withAccessResponses(_ paths: [String: JSONValue], requiresToken: Bool) -> [String: JSONValue] {
        paths.reduce(into: [:]) { result, entry in
            guard case .object(let item) = entry.value else {
                result[entry.key] = entry.value
                return
            }
            result[entry.key] = .object(
                item.reduce(into: [:]) { operations, method in
                    guard case .object(var operation) = method.value,
                        case .object(var responses) = operation["responses"]
                    else {
                        operations[method.key] = method.value
                        return
                    }
                    responses["403"] = Self.errorResponse("A foreign Origin or Host: cross-site requests are refused")
                    if ["post", "put", "patch"].contains(method.key) {
                        responses["415"] = Self.errorResponse("The body is not sent as application/json")
                    }
                    if requiresToken {
                        if entry.key == "/health" {
                            operation["security"] = []
                        } else {
                            responses["401"] = Self.errorResponse("No bearer token, or not the service's token")
                        }
                    }
                    operation["responses"] = .object(responses)
                    operations[method.key] = .object(operation)
                })
        }
    }

    /// A reference to a schema in `components`.
    package static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// An integer schema bounded by the range the code checks, so the document states the code's limit.
    package static func integer(
        in range: ClosedRange<Int>, default value: Int? = nil, description: String? = nil
    ) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "integer", "minimum": .integer(range.lowerBound), "maximum": .integer(range.upperBound),
        ]
        if let value { schema["default"] = .integer(value) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// A number schema bounded by the range the code checks, so the document states the code's limit.
    package static func number(in range: ClosedRange<Double>, default value: Double? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "number", "minimum": Self.number(range.lowerBound), "maximum": Self.number(range.upperBound),
        ]
        if let value { schema["default"] = Self.number(value) }
        return .object(schema)
    }

    /// A number as a document shows it: whole numbers without a fraction (`10`, not `10.0`).
    package static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 1e15 { return .integer(Int(value)) }
        return .number(value)
    }

    /// A JSON response with the given schema.
    package static func jsonResponse(_ description: String, schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    /// The error response every route may give: `{"detail": "..."}`.
    package static func errorResponse(_ description: String) -> JSONValue {
        Self.jsonResponse(description, schema: Self.ref("Error"))
    }

    /// The answer of a route that reads or writes the experience store while its database cannot be reached, or of
    /// a `POST` whose work a shutdown (SIGTERM) cut short.
    package static let storeUnavailable = Self.errorResponse(
        "The store's database is unavailable (down or unreachable), or the service is stopping and did not finish the request; the same request works once the store is back, or on a running instance"
    )

    /// The errors any route with a JSON body may give.
    package static let bodyErrors: [String: JSONValue] = [
        "400": Self.errorResponse("Malformed JSON"),
        "413": Self.errorResponse("Body larger than the configured limit"),
        "422": Self.errorResponse("A field is missing, of the wrong type, or not acceptable"),
    ]

    static let sharedPaths: [String: JSONValue] = [
        "/health": [
            "get": [
                "summary": "Liveness: the service is up",
                "operationId": "health",
                "responses": ["200": Self.jsonResponse("The service is up", schema: Self.ref("Health"))],
            ]
        ],
        "/metrics": [
            "get": [
                "summary": "Prometheus metrics in the text exposition format",
                "operationId": "metrics",
                "responses": [
                    "200": ["description": "Metrics", "content": ["text/plain": ["schema": ["type": "string"]]]]
                ],
            ]
        ],
        "/openapi.json": [
            "get": [
                "summary": "This document",
                "operationId": "openapi",
                "responses": ["200": Self.jsonResponse("The OpenAPI 3.1 document", schema: ["type": "object"])],
            ]
        ],
    ]

    static let sharedSchemas: [String: JSONValue] = [
        "Error": [
            "type": "object",
            "required": ["detail"],
            "properties": ["detail": ["type": "string", "description": "What went wrong, for the caller"]],
        ],
        "Health": [
            "type": "object",
            "required": ["status", "service", "version"],
            "properties": [
                "status": ["type": "string", "enum": ["ok"]],
                "service": ["type": "string"],
                "version": ["type": "string"],
            ],
        ],
    ]
}
