import Configuration

extension OpenAIClientConfiguration {
    /// A configuration for `model` at `baseURL`, with the tuning keys read from `reader` (scoped to `llm`), and this
    /// type's own defaults for keys that are absent, so the CLI and the services cannot restate them differently.
    ///
    /// Keys: `apiKey` (secret), `timeout` (whole seconds), `timeoutPerToken` (seconds, to the millisecond),
    /// `maxConcurrency` (at least 1), `maxRetries` (at least 0), `maxChoicesPerRequest`, `endpointCooldown` (seconds,
    /// to the millisecond, at least 0).
    package init(baseURL: String, model: String, reader: ConfigReader) {
        let defaults = Self()
        self.init(baseURL: baseURL, model: model)
        self.apiKey = reader.string(forKey: "apiKey", isSecret: true)
        self.requestTimeout = .seconds(
            reader.int(forKey: "timeout", default: Int(defaults.requestTimeout.components.seconds)))
        self.timeoutPerToken = .milliseconds(
            Int((reader.double(forKey: "timeoutPerToken", default: defaults.timeoutPerToken.seconds) * 1000).rounded()))
        self.maxConcurrentRequests = max(
            1, reader.int(forKey: "maxConcurrency", default: defaults.maxConcurrentRequests))
        self.maxRetries = max(0, reader.int(forKey: "maxRetries", default: defaults.maxRetries))
        self.maxChoicesPerRequest = reader.int(forKey: "maxChoicesPerRequest")
        self.endpointCooldown = .milliseconds(
            Int(
                (max(0, reader.double(forKey: "endpointCooldown", default: defaults.endpointCooldown.seconds)) * 1000)
                    .rounded()))
    }
}

extension Duration {
    /// The duration in seconds, as a configuration file writes it.
    fileprivate var seconds: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }
}
