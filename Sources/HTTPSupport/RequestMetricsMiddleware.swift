import Hummingbird
import Prometheus

/// Counts requests and times them into the service's Prometheus registry (`GET /metrics`).
///
/// Metrics go to a registry the application owns rather than the global `MetricsSystem`, so several services in
/// one process, and tests, keep their figures apart.
package struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry
    let service: ServiceKind

    package init(registry: PrometheusCollectorRegistry, service: ServiceKind) {
        self.registry = registry
        self.service = service
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let labels = [
            ("service", self.service.rawValue),
            ("method", request.method.rawValue),
            ("route", context.endpointPath ?? "unmatched"),
            ("status", String(response.status.code)),
        ]
        self.registry.makeCounter(
            descriptor: .init(
                namespace: "kaizen", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered"),
            labels: labels
        ).increment()
        self.registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "kaizen", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer HTTP requests"),
            labels: labels,
            buckets: [
                .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10),
            ]
        ).record(ContinuousClock.now - start)
        return response
    }
}
