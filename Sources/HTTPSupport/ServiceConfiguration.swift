import Configuration

/// How one service listens and what it accepts.
package struct ServiceConfiguration: Sendable, Hashable {
    /// Address to bind. Default `127.0.0.1`: the services are offline tools, not public endpoints.
    package var host: String
    /// Port to bind. Default: the service's own (8011-8014).
    package var port: Int
    /// Largest request body accepted, in bytes; larger bodies get 413. Default 8 MiB.
    package var maxBodySize: Int

    package static let defaultHost = "127.0.0.1"
    package static let defaultMaxBodySize = 8 * 1024 * 1024

    package init(
        service: ServiceKind, host: String = Self.defaultHost, port: Int? = nil,
        maxBodySize: Int = Self.defaultMaxBodySize
    ) {
        self.host = host
        self.port = port ?? service.defaultPort
        self.maxBodySize = maxBodySize
    }

    /// Reads the configuration of `service` from `reader`.
    ///
    /// Keys (environment variable in brackets):
    /// - `http.host` (`HTTP_HOST`), string, default `127.0.0.1`;
    /// - `http.port` (`HTTP_PORT`), int, default the service's port; for `serve all`, each service reads its own
    ///   `<service>.port` (e.g. `ranker.port`, `RANKER_PORT`; `failureClustering.port`, `FAILURE_CLUSTERING_PORT`)
    ///   instead;
    /// - `http.maxBodySize` (`HTTP_MAX_BODY_SIZE`), int bytes, default 8 MiB.
    package init(service: ServiceKind, reader: ConfigReader, usesSharedPort: Bool = true) {
        let http = reader.scoped(to: "http")
        let port =
            usesSharedPort
            ? http.int(forKey: "port") : reader.scoped(to: ConfigKey([service.configKey])).int(forKey: "port")
        self.init(
            service: service,
            host: http.string(forKey: "host", default: Self.defaultHost),
            port: port,
            maxBodySize: http.int(forKey: "maxBodySize", default: Self.defaultMaxBodySize)
        )
    }
}
