import ArgumentParser
import Configuration
import Experiences
import Foundation
import Logging
import PostgresStore
import Prompts
import SQLiteStore
import Synchronization
import Verification

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
    /// - Throws: When the calibrated grounding model the settings name cannot be read.
    init(options: GlobalOptions, extra: [AbsoluteConfigKey: ConfigValue] = [:]) throws {
        self.reader = options.configReader(extra: extra)
        self.databaseURL = self.reader.string(forKey: "database.url", default: Self.defaultDatabasePath)
        self.registryPath = self.reader.string(forKey: "registry.path", default: Self.defaultRegistryPath)
        let level = self.reader.string(forKey: "log.level").flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingBootstrap.bootstrap(level: level)
        self.logger = Logger(label: "kaizen")
        // Checked before any command runs (``SettingsCheck``); read again here, and a file that became unreadable
        // since is an error, not a silent return to the shipped model. Every verifier made from here on uses it.
        let calibrated = try SettingsCheck.groundingModel(in: self.reader)
        GroundingModel.useCalibrated(calibrated)
        if let calibrated {
            self.logger.info(
                "the verifier uses the calibrated grounding model",
                metadata: [
                    "file": "\(self.reader.string(forKey: ConfigKey(SettingsCheck.groundingModelKey)) ?? "")",
                    "threshold": "\(calibrated.threshold)",
                    "fitted_on": "\(calibrated.provenance["fitted_on"] ?? "unknown")",
                ])
        }
    }

    /// Opens the store the configuration names: experiences and the pipeline's runs.
    ///
    /// Only the commands that log interactions (`experiences import`, `serve`, `demo`) create a SQLite store that
    /// is not there yet. Every other command refuses one: a mistyped `--database` would otherwise leave an empty
    /// file behind and report "0 experiences" or "too few failures", which hides the typo.
    func openStore(creating: Bool = false) throws -> any ExperienceStore & RunStore {
        switch try StoreLocation(self.databaseURL) {
        case .sqlite(let path):
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw CommandFailure(
                    "the experience store \(path) is a folder; point --database (KAIZEN_DATABASE_URL) at a SQLite file")
            }
            if creating { try OutputFile.check(path, option: "--database (KAIZEN_DATABASE_URL)") }
            guard creating || FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure(
                    "no experience store at \(path): check --database or KAIZEN_DATABASE_URL (default "
                        + "\(Self.defaultDatabasePath), relative to the working folder); `kaizen experiences import` "
                        + "creates one, and so does `kaizen serve` for the online side to log into")
            }
            return try SQLiteExperienceStore(path: path)
        case .postgres(let address):
            // postgres-nio logs each failed connection attempt at info: nine lines before the one error that names
            // the server. Its own chatter shows from warning up, or at the debug and trace levels when asked for.
            var clientLogger = self.logger
            if clientLogger.logLevel > .debug { clientLogger.logLevel = max(clientLogger.logLevel, .warning) }
            return PostgresExperienceStore(url: address, logger: clientLogger)
        }
    }

    var registry: PromptRegistry {
        PromptRegistry(directory: URL(fileURLWithPath: self.registryPath, isDirectory: true))
    }

    /// The registry a trainer writes through: with a PostgreSQL store, version numbers are claimed in it first, so
    /// trainers on several machines sharing the registry folder never race (`Docs/deployment.md`).
    func trainingRegistry(sharing store: any ExperienceStore & RunStore) -> PromptRegistry {
        var registry = self.registry
        if let store = store as? PostgresExperienceStore {
            registry.versionClaims = PostgresVersionClaims(store: store)
        }
        return registry
    }
}

/// Where the experience store is, from `KAIZEN_DATABASE_URL`.
enum StoreLocation: Equatable {
    case sqlite(path: String)
    /// A PostgreSQL database several machines share.
    case postgres(PostgresDatabaseURL)

    /// Accepts `postgres://...` (or `postgresql://...`), `sqlite:PATH`, `sqlite://PATH` (`sqlite:///abs/path` for an
    /// absolute one), or a plain path.
    init(_ url: String) throws {
        if PostgresDatabaseURL.isPostgres(url) {
            do {
                self = .postgres(try PostgresDatabaseURL(url))
                return
            } catch let error as PostgresStoreError {
                throw CommandFailure(error.description)
            }
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
