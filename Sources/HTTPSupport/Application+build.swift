import Experiences
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Builds the router of `service`: shared middleware and routes, then the service's own routes.
///
/// Middleware, outermost first: metrics, request id header, access log, JSON errors, same-host check (403), bearer
/// token when configured (401), 405 for a known path asked with another method, JSON content type (415), body limit,
/// and the cancellation of a `POST`'s work when its client goes away.
package func buildRouter(
    service: ServiceKind,
    configuration: ServiceConfiguration,
    metrics: PrometheusCollectorRegistry,
    routes: ServiceRoutes
) -> Router<ServiceRequestContext> {
    // HEAD wherever GET is served, as HTTP expects (and as MethodNotAllowedMiddleware assumes); without the option
    // the router answered HEAD /health with 404.
    let router = Router(context: ServiceRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestMetricsMiddleware(registry: metrics, service: service))
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: SameHostMiddleware(configuration: configuration))
    if let token = configuration.apiToken { router.add(middleware: BearerTokenMiddleware(token: token)) }
    let document = OpenAPIDocument.make(
        service: service, routes: routes, requiresToken: configuration.apiToken != nil)
    router.add(middleware: MethodNotAllowedMiddleware(document: document))
    router.add(middleware: JSONContentTypeMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodySize))
    router.add(middleware: ClientDisconnectMiddleware())
    SharedController(service: service, registry: metrics, openAPI: document).register(on: router)
    routes.register(router)
    return router
}

/// Builds the application of `service`, ready to `runService()` or to test.
/// - Parameters:
///   - service: Which service this is (names it in logs, metrics and documents).
///   - configuration: Where it listens and what it accepts.
///   - metrics: The registry that `GET /metrics` shows; pass a fresh one per service.
///   - routes: The service's own routes, or ``ServiceRoutes/none``.
///   - logger: The application's logger.
///   - services: Background services the application owns (they start before and stop after the server).
package func buildApplication(
    service: ServiceKind,
    configuration: ServiceConfiguration,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    routes: ServiceRoutes = .none,
    logger: Logger,
    services: [any Service] = []
) -> some ApplicationProtocol {
    let router = buildRouter(service: service, configuration: configuration, metrics: metrics, routes: routes)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ClientLeftHandler()],
                idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1_000_000_000)))),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "kaizen-\(service.rawValue)"
        ),
        services: services,
        logger: logger
    )
}
