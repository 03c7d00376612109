import ArgumentParser
import Configuration
import Logging

/// Options every command takes; each overrides the matching environment variable.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database"), help: "Experience store URL or SQLite path (KAIZEN_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("registry"), help: "Prompt registry folder (KAIZEN_REGISTRY_PATH).")
    var registryPath: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (KAIZEN_LOG_LEVEL).")
    var logLevel: String?

    /// Options first, then the environment; every key lives under `kaizen.` (env `KAIZEN_...`).
    func configReader(extra: [AbsoluteConfigKey: ConfigValue] = [:]) -> ConfigReader {
        var values = extra
        if let databaseURL { values["kaizen.database.url"] = .init(stringLiteral: databaseURL) }
        if let registryPath { values["kaizen.registry.path"] = .init(stringLiteral: registryPath) }
        if let logLevel { values["kaizen.log.level"] = .init(stringLiteral: logLevel) }
        return ConfigReader(providers: [InMemoryProvider(values: values), EnvironmentVariablesProvider()])
            .scoped(to: "kaizen")
    }

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("unknown log level '\(logLevel)'")
        }
        // The environment's settings, which no parser checks: a value a command could not use is an error now, not
        // a silent fallback to the default later.
        if let problem = SettingsCheck.problem(in: self.configReader()) { throw CommandFailure(problem) }
    }
}
