import AsyncHTTPClient
import ChildProcesses
import Foundation
import LanguageModels
import Logging
import NIOCore
import NIOHTTP1
import OpenAIClient

#if canImport(Glibc)
import Glibc
#endif

/// The real OpenAI-compatible server these tests talk to, named by the environment:
///
/// - `KAIZEN_TEST_LLM_BASE_URL` (e.g. `http://127.0.0.1:PORT/v1`) and `KAIZEN_TEST_LLM_MODEL` (e.g. `smollm2`): the
///   shared server (`Scripts/local-model.sh start`, then `eval "$(Scripts/local-model.sh env)"`). Without them the
///   suite is skipped, with a note.
/// - `KAIZEN_TEST_LLM_SLOTS`: the server's `--parallel` slots (default 4).
/// - `KAIZEN_TEST_LLAMA_SERVER` and `KAIZEN_TEST_LLM_GGUF`: a `llama-server` binary and a GGUF, for the one test that
///   starts (and kills) a private server of its own; it is skipped without them. The shared server is never killed.
/// - `KAIZEN_TEST_REQUIRE_LLM=1` (set by `.ci/run`): a missing endpoint fails instead of skipping.
enum RealServer {
    static let environment = ProcessInfo.processInfo.environment

    static let baseURL: String? = Self.environment["KAIZEN_TEST_LLM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let model: String = Self.environment["KAIZEN_TEST_LLM_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "smollm2"
    static let slots: Int = Self.environment["KAIZEN_TEST_LLM_SLOTS"].flatMap(Int.init) ?? 4
    static let serverBinary: String? =
        Self.environment["KAIZEN_TEST_LLAMA_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
    static let gguf: String? = Self.environment["KAIZEN_TEST_LLM_GGUF"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = Self.environment["KAIZEN_TEST_REQUIRE_LLM"] == "1"

    /// Whether the shared server is named.
    static var isConfigured: Bool { Self.baseURL != nil }

    /// Whether a private server can be started.
    static var canStartPrivateServer: Bool {
        guard let binary = Self.serverBinary, let gguf = Self.gguf else { return false }
        return FileManager.default.isExecutableFile(atPath: binary) && FileManager.default.fileExists(atPath: gguf)
    }

    static let logger = Logger(label: "real-model-tests") { _ in SwiftLogNoOpLogHandler() }

    /// A client of the shared server; `configure` adjusts the settings.
    static func client(
        baseURL: String? = nil,
        configure: (inout OpenAIClientConfiguration) -> Void = { _ in }
    ) -> OpenAIClient {
        var configuration = OpenAIClientConfiguration(
            baseURL: baseURL ?? Self.baseURL ?? "http://127.0.0.1:9/v1",
            model: Self.model,
            requestTimeout: .seconds(60),
            timeoutPerToken: .seconds(1),
            maxConcurrentRequests: Self.slots,
            maxRetries: 2
        )
        configure(&configuration)
        return OpenAIClient(
            configuration: configuration, httpClient: OpenAIClient.sharedHTTPClient, logger: Self.logger)
    }

    /// Posts `body` (a JSON object) to `{baseURL}/chat/completions`; returns the status and the decoded answer.
    static func post(_ body: [String: Any], baseURL: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        let base = baseURL ?? Self.baseURL ?? ""
        var request = HTTPClientRequest(url: base + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(try JSONSerialization.data(withJSONObject: body))
        let response = try await OpenAIClient.sharedHTTPClient.execute(request, timeout: .seconds(300))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] ?? [:]
        return (Int(response.status.code), json)
    }

    /// The texts of an answer's choices, in index order.
    static func texts(_ json: [String: Any]) -> [String] {
        let choices = json["choices"] as? [[String: Any]] ?? []
        return
            choices
            .sorted { ($0["index"] as? Int ?? 0) < ($1["index"] as? Int ?? 0) }
            .compactMap { ($0["message"] as? [String: Any])?["content"] as? String }
    }

    /// Whether `GET {root}/health` answers 200.
    static func healthy(root: String) async -> Bool {
        let request = HTTPClientRequest(url: root + "/health")
        guard let response = try? await OpenAIClient.sharedHTTPClient.execute(request, timeout: .seconds(5)) else {
            return false
        }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return response.status.code == 200
    }

    /// A free TCP port on 127.0.0.1 (bound, read, released).
    static func freePort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PrivateServerError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw PrivateServerError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw PrivateServerError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
        #else
        throw PrivateServerError("free ports are found with Glibc only")
        #endif
    }
}

struct PrivateServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A `llama-server` of the test's own on a free loopback port (one slot, small context), which the test may kill.
final class PrivateLlamaServer {
    let port: Int
    let process: BackgroundProcess
    var root: String { "http://127.0.0.1:\(self.port)" }
    var baseURL: String { self.root + "/v1" }

    /// Starts the server and waits up to `timeout` for `/health`. With `ignoringEndOfStream` every answer runs to
    /// its `max_tokens`, so a test that kills the server mid-answer cannot lose the race to a short answer.
    init(
        binary: String, gguf: String, port: Int? = nil, ignoringEndOfStream: Bool = false,
        timeout: Duration = .seconds(120)
    ) async throws {
        self.port = try port ?? RealServer.freePort()
        let arguments =
            [
                "--model", gguf, "--alias", RealServer.model, "--host", "127.0.0.1", "--port", "\(self.port)",
                "--parallel", "1", "--ctx-size", "1024", "--threads", "1", "--no-webui",
            ] + (ignoringEndOfStream ? ["--ignore-eos"] : [])
        let process = try await BackgroundProcess.start(binary, arguments, environment: ChildProcess.inherited())
        self.process = process
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !(await RealServer.healthy(root: "http://127.0.0.1:\(self.port)")) {
            guard process.isRunning else { throw PrivateServerError("llama-server exited during start-up") }
            guard clock.now < deadline else {
                self.kill()
                throw PrivateServerError("llama-server was not healthy within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Waits until a slot is processing a request (`GET /slots`, on by default in llama-server).
    func waitUntilProcessing(timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let request = HTTPClientRequest(url: self.root + "/slots")
            if let response = try? await OpenAIClient.sharedHTTPClient.execute(request, timeout: .seconds(5)),
                let body = try? await response.body.collect(upTo: 1 << 20),
                let slots = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]],
                slots.contains(where: { $0["is_processing"] as? Bool == true })
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PrivateServerError("no slot started processing within \(timeout)")
    }

    /// Kills the server at once (SIGKILL), without waiting (the port is free once the process is gone).
    func kill() {
        self.process.signal(SIGKILL)
    }

    /// Kills the server at once (SIGKILL) and waits until it has exited.
    func killed() async throws {
        try await self.process.kill()
    }

    deinit { self.kill() }
}
