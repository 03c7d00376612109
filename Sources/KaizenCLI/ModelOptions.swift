import ArgumentParser
import AsyncHTTPClient
import Configuration
import Foundation
import LanguageModels
import Logging
import NIOCore
import OpenAIClient

/// Which language model answers: the built-in simulator (the default), or an OpenAI-compatible endpoint.
struct ModelOptions: ParsableArguments {
    @Option(help: "Effect table for the simulator (JSON; see Docs/simulator.md).")
    var simulatorEffects: String?

    @Option(help: "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (KAIZEN_LLM_BASE_URL). Default: the simulator.")
    var llmBaseURL: String?

    @Option(help: "Model name at the endpoint (KAIZEN_LLM_MODEL).")
    var llmModel: String?

    /// The configured model. Keys (under `kaizen.`): `llm.baseURL`, `llm.model`, `llm.apiKey` (secret; env only),
    /// `llm.timeout` (seconds), `llm.maxConcurrency`, `llm.maxRetries`; `simulator.effects` (a file).
    func makeModel(reader: ConfigReader) throws -> any LanguageModel {
        let llm = reader.scoped(to: "llm")
        if let baseURL = self.llmBaseURL ?? llm.string(forKey: "baseURL") {
            return try RemoteModelFactory.make(baseURL: baseURL, model: self.llmModel ?? llm.string(forKey: "model"), reader: llm)
        }
        var configuration = SimulatorConfiguration()
        if let path = self.simulatorEffects ?? reader.string(forKey: "simulator.effects") {
            do {
                configuration.effects = try EffectTable.load(from: URL(fileURLWithPath: path))
            } catch let error as EffectTableError {
                throw CommandFailure(error.description)
            }
        }
        return try Simulator(configuration: configuration)
    }
}

/// Builds the OpenAI-compatible client (see Docs/models.md) on the shared HTTP client.
enum RemoteModelFactory {
    /// Keys (under `llm.`): `model` (required), `apiKey` (secret), `timeout` (seconds, default 60),
    /// `maxConcurrency` (default 8), `maxRetries` (default 4), `maxChoicesPerRequest` (e.g. 1 for llama.cpp).
    static func make(baseURL: String, model: String?, reader: ConfigReader) throws -> any LanguageModel {
        guard let model, !model.isEmpty else {
            throw CommandFailure("--llm-model (KAIZEN_LLM_MODEL) is required with an OpenAI-compatible endpoint")
        }
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme) else {
            throw CommandFailure("'\(baseURL)' is not an http(s) URL")
        }
        var configuration = OpenAIClientConfiguration(baseURL: baseURL, model: model)
        configuration.apiKey = reader.string(forKey: "apiKey", isSecret: true)
        configuration.requestTimeout = .seconds(reader.int(forKey: "timeout", default: 60))
        configuration.maxConcurrentRequests = max(1, reader.int(forKey: "maxConcurrency", default: 8))
        configuration.maxRetries = max(0, reader.int(forKey: "maxRetries", default: 4))
        configuration.maxChoicesPerRequest = reader.int(forKey: "maxChoicesPerRequest")
        return OpenAIClient(configuration: configuration, httpClient: Self.httpClient, logger: Logger(label: "kaizen.llm"))
    }

    /// One HTTP client for the process, with a connection pool large enough that the client's own concurrency bound
    /// (`llm.maxConcurrency`) is the limit: `HTTPClient.shared` keeps at most 8 connections per host, which halves
    /// throughput at 16 calls in flight. It lives as long as the process, so it is never shut down.
    static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
