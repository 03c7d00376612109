import ArgumentParser
import Configuration
import Experiences
import Foundation
import Logging
import Prompts
import SQLiteStore
import Synchronization

/// What the commands share once configuration is read: where the data lives, and a logger.
struct KaizenEnvironment {
    /// Default store file, relative to the working folder.
    static let defaultDatabasePath = "kaizen-data/experiences.sqlite"
    /// Default registry folder, relative to the working folder.
    static let defaultRegistryPath = "prompt_registry"

    let reader: ConfigReader
    let databaseURL: String
    let registryPath: String
    let logger: Logger

    /// Reads configuration. Keys (under `kaizen.`): `database.url` (default `kaizen-data/experiences.sqlite`),
    /// `registry.path` (default `prompt_registry`), `log.level` (default `info`).
    init(options: GlobalOptions, extra: [AbsoluteConfigKey: ConfigValue] = [:]) {
        self.reader = options.configReader(extra: extra)
        self.databaseURL = self.reader.string(forKey: "database.url", default: Self.defaultDatabasePath)
        self.registryPath = self.reader.string(forKey: "registry.path", default: Self.defaultRegistryPath)
        let level = self.reader.string(forKey: "log.level").flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingBootstrap.bootstrap(level: level)
        self.logger = Logger(label: "kaizen")
    }

    /// Opens the store the configuration names: experiences and the pipeline's runs.
    func openStore() throws -> any ExperienceStore & RunStore {
        switch try StoreLocation(self.databaseURL) {
        case .sqlite(let path):
            return try SQLiteExperienceStore(path: path)
        }
    }

    var registry: PromptRegistry {
        PromptRegistry(directory: URL(fileURLWithPath: self.registryPath, isDirectory: true))
    }
}

/// Where the experience store is, from `KAIZEN_DATABASE_URL`.
enum StoreLocation: Equatable {
    case sqlite(path: String)

    /// Accepts `sqlite:PATH`, `sqlite://PATH` (`sqlite:///abs/path` for an absolute one), or a plain path.
    init(_ url: String) throws {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            throw CommandFailure("PostgreSQL stores are not supported by this build; use a SQLite path")
        }
        var path = url
        for prefix in ["sqlite://", "sqlite:", "file://", "file:"] where path.hasPrefix(prefix) {
            path = String(path.dropFirst(prefix.count))
            break
        }
        guard !path.isEmpty, !path.contains("://") else {
            throw CommandFailure(
                "'\(url)' is not a SQLite path or sqlite: URL; set --database or KAIZEN_DATABASE_URL to a file path")
        }
        self = .sqlite(path: path)
    }
}

/// Bootstraps swift-log once per process, to standard error so standard output stays for results.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func bootstrap(level: Logger.Level) {
        let first = Self.done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
