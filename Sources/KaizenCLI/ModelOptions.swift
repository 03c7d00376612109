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

    @Option(
        help: "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (KAIZEN_LLM_BASE_URL). Default: the simulator."
    )
    var llmBaseURL: String?

    @Option(help: "Model name at the endpoint (KAIZEN_LLM_MODEL).")
    var llmModel: String?

    /// The configured model. Keys (under `kaizen.`): `llm.baseURL`, `llm.model`, `llm.apiKey` (secret; env only),
    /// `llm.timeout` (seconds), `llm.timeoutPerToken` (seconds), `llm.maxConcurrency`, `llm.maxRetries`;
    /// `simulator.effects` (a file).
    func makeModel(reader: ConfigReader) throws -> any LanguageModel {
        let llm = reader.scoped(to: "llm")
        if let baseURL = self.llmBaseURL ?? llm.string(forKey: "baseURL") {
            return try RemoteModelFactory.make(
                baseURL: baseURL, model: self.llmModel ?? llm.string(forKey: "model"), reader: llm)
        }
        var configuration = SimulatorConfiguration()
        if let path = self.simulatorEffects ?? reader.string(forKey: "simulator.effects") {
            do {
                configuration.effects = try EffectTable.decode(
                    from: InputFile.read(path, option: "--simulator-effects"), path: path)
            } catch let error as EffectTableError {
                throw CommandFailure(error.description)
            }
        }
        return try Simulator(configuration: configuration)
    }

    /// ``makeModel(reader:)``, then one cheap call to an OpenAI-compatible endpoint before any work, so that a
    /// server that is down, a wrong URL or an unknown model fails the command in a second with the reason, instead
    /// of after minutes of retries with half a run done. Prints what the server says it serves.
    func makeCheckedModel(reader: ConfigReader) async throws -> any LanguageModel {
        let model = try self.makeModel(reader: reader)
        try await checkAnswers(model, role: "model")
        return model
    }
}

/// One cheap call to `model` when it is an OpenAI-compatible endpoint, printing what the server says it serves to
/// standard error (standard output carries the command's result: JSON with `--json`, verdicts from `verify`).
/// - Parameter role: what the model is for, in the messages ("model", "judge").
/// - Throws: ``CommandFailure`` with the reason when the endpoint does not answer.
func checkAnswers(_ model: any LanguageModel, role: String) async throws {
    guard let client = model as? OpenAIClient else { return }
    do {
        let probe = try await client.probe()
        printError(
            "\(role): \(client.configuration.model) at \(client.configuration.baseURL) answers"
                + (probe.servedModel.map { " (serves \($0))" } ?? ""))
    } catch {
        throw CommandFailure("the \(role == "model" ? "language model" : role) endpoint is not usable: \(error)")
    }
}

/// Builds the OpenAI-compatible client (see Docs/models.md) on the shared HTTP client.
enum RemoteModelFactory {
    /// Keys (under `llm.`): `model` (required); the client's own keys and defaults as
    /// `OpenAIClientConfiguration.init(baseURL:model:reader:)` reads them (`apiKey`, `timeout`, `timeoutPerToken`,
    /// `maxConcurrency`, `maxRetries`, `maxChoicesPerRequest`: e.g. 1 for llama.cpp, whose usage counts one choice;
    /// `endpointCooldown`). `baseURL` may list replicas, comma-separated.
    static func make(baseURL: String, model: String?, reader: ConfigReader) throws -> any LanguageModel {
        guard let model, !model.isEmpty else {
            throw CommandFailure("--llm-model (KAIZEN_LLM_MODEL) is required with an OpenAI-compatible endpoint")
        }
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme) else {
            throw CommandFailure("'\(baseURL)' is not an http(s) URL")
        }
        let configuration = OpenAIClientConfiguration(baseURL: baseURL, model: model, reader: reader)
        // The client's own shared HTTP client: 64 connections per host, and a refused connection fails at once.
        return OpenAIClient(configuration: configuration, logger: Logger(label: "kaizen.llm"))
    }
}
