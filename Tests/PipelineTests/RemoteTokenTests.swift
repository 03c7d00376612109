import ClusteringService
import FailureClustering
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Pipeline
import Stages
import Testing

/// `kaizen pipeline run --remote` against services that run with `KAIZEN_API_TOKEN`: the remote backend sends the
/// token it is given (and its JSON as `application/json`), and without it the service's 401 reaches the caller.
struct RemoteTokenTests {
    @Test func theRemoteBackendSendsTheToken() async throws {
        let workspace = try await Workspace.make(interactions: 60)
        defer { workspace.remove() }
        let app = buildApplication(
            service: .failureClustering,
            configuration: ServiceConfiguration(service: .failureClustering, port: 0, apiToken: "remote-token"),
            routes: ClusteringController(stage: workspace.clustering).routes, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(client.port!)"
            let urls = RemoteBackend.URLs(clustering: base, patchGenerator: base, ranker: base, trainer: base)
            let request = ClusterRequest(promptID: "p_v1_1", configuration: .init(clusterCount: 2, seed: 1))
            let run = try await RemoteBackend(urls: urls, token: "remote-token").cluster(request)
            #expect(!run.result.clusters.isEmpty)
            do {
                _ = try await RemoteBackend(urls: urls).cluster(request)
                Issue.record("the service answered without a token")
            } catch let error as RemoteStageError {
                #expect(error.status == 401)
                #expect(error.detail.contains("Authorization: Bearer"), "\(error.detail)")
            }
        }
    }
}
