import HTTPTypes
import Hummingbird
import Prometheus
import Synchronization

/// Counts requests and times them into the service's Prometheus registry (`GET /metrics`).
///
/// Metrics go to a registry the application owns rather than the global `MetricsSystem`, so several services in
/// one process, and tests, keep their figures apart.
package struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry
    let service: ServiceKind
    /// Each label set's counter and histogram, looked up in the registry once: the registry's look-up builds and
    /// hashes the labels' strings on every call, which was a twentieth of a busy service's CPU.
    let series = SeriesCache()

    package init(registry: PrometheusCollectorRegistry, service: ServiceKind) {
        self.registry = registry
        self.service = service
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let key = SeriesKey(
            method: Self.label(of: request.method), route: context.endpointPath ?? "unmatched",
            status: response.status.code)
        self.series.series(for: key) { self.makeSeries(key) }.record(ContinuousClock.now - start)
        return response
    }

    /// The method's name, or `other` for one HTTP does not define, so a client sending made-up methods cannot grow
    /// the registry without bound (routes and statuses are bounded by the router).
    static func label(of method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .delete, .connect, .options, .trace, .patch: method.rawValue
        default: "other"
        }
    }

    func makeSeries(_ key: SeriesKey) -> Series {
        let labels = [
            ("service", self.service.rawValue), ("method", key.method), ("route", key.route),
            ("status", String(key.status)),
        ]
        return Series(
            requests: self.registry.makeCounter(
                descriptor: .init(
                    namespace: "kaizen", metricName: "http_requests", unitName: "total",
                    helpText: "HTTP requests answered"),
                labels: labels),
            duration: self.registry.makeDurationHistogram(
                descriptor: .init(
                    namespace: "kaizen", metricName: "http_request_duration", unitName: "seconds",
                    helpText: "Time to answer HTTP requests"),
                labels: labels,
                buckets: [
                    .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2),
                    .seconds(10),
                ]))
    }

    struct SeriesKey: Hashable, Sendable {
        var method: String
        var route: String
        var status: Int
    }

    struct Series: Sendable {
        let requests: Counter
        let duration: DurationHistogram

        func record(_ elapsed: Duration) {
            self.requests.increment()
            self.duration.record(elapsed)
        }
    }

    /// Shared by the middleware's copies; at most one entry per method, route and status.
    final class SeriesCache: Sendable {
        private let entries = Mutex<[SeriesKey: Series]>([:])

        func series(for key: SeriesKey, make: () -> Series) -> Series {
            if let known = self.entries.withLock({ $0[key] }) { return known }
            let made = make()
            return self.entries.withLock { entries in
                if let known = entries[key] { return known }
                entries[key] = made
                return made
            }
        }
    }
}
