import Configuration
import Foundation

/// How one service listens and what it accepts.
package struct ServiceConfiguration: Sendable, Hashable {
    /// Address to bind. Default `127.0.0.1`: the services are offline tools, not public endpoints.
    package var host: String
    /// Port to bind. Default: the service's own (8011-8014).
    package var port: Int
    /// Largest request body accepted, in bytes; larger bodies get 413. Default 8 MiB.
    package var maxBodySize: Int
    /// The bearer token every route but `/health` requires; `nil` (the default) requires none. A secret: never log
    /// it.
    package var apiToken: String?
    /// Host names the service also answers to besides loopback and ``host`` (a load balancer's or DNS name); other
    /// `Host` and `Origin` headers get 403. Default none.
    package var allowedHosts: [String]

    package static let defaultHost = "127.0.0.1"
    package static let defaultMaxBodySize = 8 * 1024 * 1024

    package init(
        service: ServiceKind, host: String = Self.defaultHost, port: Int? = nil,
        maxBodySize: Int = Self.defaultMaxBodySize, apiToken: String? = nil, allowedHosts: [String] = []
    ) {
        self.host = host
        self.port = port ?? service.defaultPort
        self.maxBodySize = maxBodySize
        self.apiToken = apiToken.flatMap { $0.isEmpty ? nil : $0 }
        self.allowedHosts = allowedHosts
    }

    /// Whether ``host`` is a loopback address, reachable from this machine only; any other needs an ``apiToken``.
    package var bindsLoopbackOnly: Bool {
        SameHostMiddleware<ServiceRequestContext>.isLoopback(
            SameHostMiddleware<ServiceRequestContext>.hostName(self.host))
    }

    /// Reads the configuration of `service` from `reader`.
    ///
    /// Keys (environment variable in brackets):
    /// - `http.host` (`HTTP_HOST`), string, default `127.0.0.1`;
    /// - `http.port` (`HTTP_PORT`), int, default the service's port; for `serve all`, each service reads its own
    ///   `<service>.port` (e.g. `ranker.port`, `RANKER_PORT`; `failureClustering.port`, `FAILURE_CLUSTERING_PORT`)
    ///   instead;
    /// - `http.maxBodySize` (`HTTP_MAX_BODY_SIZE`), int bytes, default 8 MiB;
    /// - `http.allowedHosts` (`HTTP_ALLOWED_HOSTS`), comma-separated host names, default none;
    /// - `api.token` (`API_TOKEN`), secret, default none.
    package init(service: ServiceKind, reader: ConfigReader, usesSharedPort: Bool = true) {
        let http = reader.scoped(to: "http")
        let port =
            usesSharedPort
            ? http.int(forKey: "port") : reader.scoped(to: ConfigKey([service.configKey])).int(forKey: "port")
        self.init(
            service: service,
            host: http.string(forKey: "host", default: Self.defaultHost),
            port: port,
            maxBodySize: http.int(forKey: "maxBodySize", default: Self.defaultMaxBodySize),
            apiToken: reader.string(forKey: "api.token", isSecret: true),
            allowedHosts: (http.string(forKey: "allowedHosts") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty }
        )
    }
}
