import ClusteringService
import FailureClustering
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import PatchServices
import Stages
import Testing

/// A ranker service over a workspace with a stored clustering run of `p_v1_1`'s failures (three clusters).
enum RankerTestService {
    static func with(
        _ body:
            @Sendable (_ ranker: any TestClientProtocol, _ stages: PatchStages, _ clusteringID: String) async throws ->
            Void
    ) async throws {
        let workspace = try await Workspace.make(interactions: 120)
        defer { workspace.remove() }
        let run = try await workspace.clustering.cluster(
            ClusterRequest(
                promptID: "p_v1_1", configuration: .init(clusterCount: 3, seed: 1)))
        let stages = try workspace.patchStages()
        let ranker = buildApplication(
            service: .ranker, configuration: ServiceConfiguration(service: .ranker),
            routes: RankerController(stages: stages).routes, logger: Logger(label: "test"))
        try await ranker.test(.router) { client in
            try await body(ContractCheckingClient(client), stages, run.clusteringID)
        }
    }

    /// The answer's JSON object.
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }
}
