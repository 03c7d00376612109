import AsyncHTTPClient
import FailureClustering
import Foundation
import NIOCore
import NIOHTTP1
import PatchGeneration
import PatchRanking
import PromptTraining
import Prompts
import Stages

/// The stages over HTTP, against the four running services.
package struct RemoteBackend: PipelineBackend {
    /// The base URL of each service, e.g. `http://127.0.0.1:8011`.
    package struct URLs: Sendable {
        package var clustering: String
        package var patchGenerator: String
        package var ranker: String
        package var trainer: String

        package init(clustering: String, patchGenerator: String, ranker: String, trainer: String) {
            self.clustering = clustering
            self.patchGenerator = patchGenerator
            self.ranker = ranker
            self.trainer = trainer
        }
    }

    let urls: URLs
    let client: HTTPClient
    /// How often a running job is polled.
    let pollInterval: Duration
    /// The services' bearer token (`KAIZEN_API_TOKEN`), sent with every request when set. A secret: never logged.
    let token: String?

    /// The client every remote backend uses unless given one: a refused connection fails the request at once (the
    /// service is down, and the run says which one), where `HTTPClient.shared` keeps reconnecting for 90 s before
    /// failing. Lives as long as the process.
    package static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// How long polling a running job may go on failing to reach the trainer (a restart, say) before the run gives
    /// up; the job itself goes on on the trainer either way.
    let pollOutageTolerance: Duration

    package init(
        urls: URLs, token: String? = nil, client: HTTPClient = RemoteBackend.sharedClient,
        pollInterval: Duration = .milliseconds(200), pollOutageTolerance: Duration = .seconds(60)
    ) {
        self.pollOutageTolerance = pollOutageTolerance
        self.urls = urls
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.client = client
        self.pollInterval = pollInterval
    }

    /// The clustering, with every member id: the service lists at most ``ClusteringLimits/inlineMemberIDs`` per
    /// cluster inline, and the rest are paged, as the trainer needs them all.
    package func cluster(_ request: ClusterRequest) async throws -> ClusteringRun {
        var run: ClusteringRun = try await self.send(.POST, self.urls.clustering + "/api/v1/cluster", body: request)
        for index in run.result.clusters.indices
        where run.result.clusters[index].memberIDs.count < run.result.clusters[index].size {
            run.result.clusters[index].memberIDs = try await self.memberIDs(
                clusteringID: run.clusteringID, clusterID: run.result.clusters[index].clusterID)
        }
        return run
    }

    /// Every member id of a stored cluster, page by page.
    func memberIDs(clusteringID: String, clusterID: String) async throws -> [String] {
        var ids: [String] = []
        var offset: Int? = 0
        let limit = ClusteringLimits.membersPage.upperBound
        while let current = offset {
            let page: MembersPage = try await self.send(
                .GET,
                self.urls.clustering
                    + "/api/v1/clusterings/\(clusteringID)/clusters/\(clusterID)/members?offset=\(current)&limit=\(limit)",
                body: Optional<Int>.none)
            ids += page.memberIDs
            offset = page.nextOffset
        }
        return ids
    }

    package func generatePatches(_ request: GeneratePatchesRequest) async throws -> PatchGenerationResult {
        try await self.send(.POST, self.urls.patchGenerator + "/api/v1/generate-patches", body: request)
    }

    package func rank(_ request: RankRequest) async throws -> RankResult {
        try await self.send(.POST, self.urls.ranker + "/api/v1/rank", body: request)
    }

    /// The prompt version `name` names (``VersionName``), as the trainer serves it: an id, `latest` or
    /// `p_v<family>_latest` (`GET /api/v1/prompts/latest[?family=N]`). So a client that drives the services needs no
    /// copy of the registry folder.
    /// - Throws: ``RemoteStageError`` with the trainer's status and message (404 for an unknown id or an empty registry).
    package func promptVersion(named name: String) async throws -> PromptVersion {
        let path: String
        switch VersionName(name) {
        case .latest(let family): path = "latest" + (family.map { "?family=\($0)" } ?? "")
        case .id(let id): path = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id
        }
        return try await self.send(
            .GET, self.urls.trainer + "/api/v1/prompts/" + path, body: Optional<Int>.none)
    }

    /// Asks each service's `/health` before any work, so a run that cannot finish fails before it stores a
    /// clustering: a service that is down is named by its URL, and one that answers as another service (two URLs
    /// swapped) is named with what it is.
    /// - Throws: ``RemoteStageError`` for a service that cannot be reached or answers with an error,
    ///   ``RemoteServiceMismatch`` for a URL that serves another service.
    package func checkServices() async throws {
        struct Health: Decodable { var service: String }
        for (url, expected) in [
            (self.urls.clustering, "failure-clustering"), (self.urls.patchGenerator, "patch-generator"),
            (self.urls.ranker, "ranker"), (self.urls.trainer, "rl-trainer"),
        ] {
            let health: Health = try await self.send(.GET, url + "/health", body: Optional<Int>.none)
            guard health.service == expected else {
                throw RemoteServiceMismatch(url: url, expected: expected, found: health.service)
            }
        }
    }

    package func train(
        _ request: TrainingRequest, progress: @escaping @Sendable (TrainingProgress) -> Void
    )
        async throws -> TrainingJob
    {
        var request = request
        request.wait = false
        var job: TrainingJob = try await self.send(.POST, self.urls.trainer + "/api/v1/train", body: request)
        var unreachableSince: ContinuousClock.Instant?
        while job.state.isActive {
            try await Task.sleep(for: self.pollInterval)
            do {
                job = try await self.send(
                    .GET, self.urls.trainer + "/api/v1/train/\(job.jobID)", body: Optional<Int>.none)
                unreachableSince = nil
            } catch let error as RemoteStageError where error.status == nil {
                let since = unreachableSince ?? .now
                unreachableSince = since
                if ContinuousClock.now - since > self.pollOutageTolerance { throw error }
                continue
            }
            if let current = job.progress { progress(current) }
        }
        return job
    }

    private func send<Response: Decodable>(
        _ method: HTTPMethod, _ url: String, body: (some Encodable)?
    ) async throws
        -> Response
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "authorization", value: "Bearer \(token)") }
        if let body {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try encoder.encode(body)))
        }
        let response: HTTPClientResponse
        do {
            do {
                response = try await self.client.execute(request, timeout: .minutes(10))
            } catch ChannelError.ioOnClosedChannel {
                // The pool handed out a kept-alive connection the service closed at that moment (its idle timeout,
                // 30 s by default, passes while a long training runs): the request could not be written, so it did
                // not run, and sending it once more, on a new connection, cannot run it twice.
                response = try await self.client.execute(request, timeout: .minutes(10))
            }
        } catch let error where !(error is CancellationError) {
            // Not an answer: name the service that could not be reached, not only the socket's error.
            throw RemoteStageError(url: url, status: nil, detail: Self.reason(error))
        }
        let bytes = try await response.body.collect(upTo: 256 << 20)
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            let detail =
                (try? JSONDecoder().decode([String: String].self, from: data))?["detail"]
                ?? String(decoding: data.prefix(300), as: UTF8.self)
            throw RemoteStageError(url: url, status: Int(response.status.code), detail: detail)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Response.self, from: data)
    }
}

extension RemoteBackend {
    /// Why a request got no answer, in words: the socket's error (`connection refused`) rather than NIO's
    /// description of it ("connection reset (error set): Connection refused) (errno: 111)").
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        switch error as? HTTPClientError {
        case .connectTimeout?: return "the connection timed out"
        case .deadlineExceeded?: return "no answer within the request's time limit"
        case .remoteConnectionClosed?: return "the service closed the connection before answering"
        default: return "\(error)"
        }
    }
}

/// A service URL that answers as another service: two `--...-url` options swapped, say.
package struct RemoteServiceMismatch: Error, CustomStringConvertible {
    package var url: String
    package var expected: String
    package var found: String

    package var description: String {
        "\(self.url) serves the \(self.found) service, not the \(self.expected); check the service URLs"
    }
}

/// A service answered with an error, or could not be reached (`status` nil).
package struct RemoteStageError: Error, CustomStringConvertible {
    package var url: String
    package var status: Int?
    package var detail: String

    package var description: String {
        guard let status = self.status else {
            return "could not reach \(self.url) (is the service running there?): \(self.detail)"
        }
        return "\(self.url) answered \(status): \(self.detail)"
    }
}
